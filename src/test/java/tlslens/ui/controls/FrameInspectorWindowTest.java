package tlslens.ui.controls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/** The detail tree and bytes pane in a real window (run under Xvfb). */
@ExtendWith(ApplicationExtension.class)
@UsesPublicCaptures
class FrameInspectorWindowTest {
    private static final String SNI = "tls.handshake.extensions_server_name";
    private FrameInspector inspector;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        inspector = new FrameInspector();
        stage.setScene(new Scene(inspector, 1000, 720));
        stage.setTitle("Frame inspector");
        stage.show();
    }

    private void show(FxRobot robot, FrameDissection fd) {
        robot.interact(() -> inspector.show(fd));
    }

    private boolean selectField(FxRobot robot, String abbrev) {
        boolean[] found = new boolean[1];
        robot.interact(() -> found[0] = inspector.selectField(abbrev));
        return found[0];
    }

    private ProtoNode selected() { return inspector.selectedNodeProperty().get(); }

    @Test
    void selectingTheServerNameHighlightsItsBytes(FxRobot robot) {
        FrameDissection fd = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        show(robot, fd);
        assertNull(inspector.highlightedRange());
        assertEquals(1, robot.lookup(".bytes-pane").queryAs(BytesPane.class).sourceCount());

        assertTrue(selectField(robot, SNI));
        ProtoNode sni = selected();
        assertEquals("Server Name: heise.de", sni.text());
        assertEquals(new HighlightedRange(0, sni.offset, sni.length()), inspector.highlightedRange());
        TreeItem<ProtoNode> item = inspector.treeView().getSelectionModel().getSelectedItem();
        assertSame(sni, item.getValue());
        for (TreeItem<ProtoNode> p = item.getParent(); p != null; p = p.getParent()) assertTrue(p.isExpanded());
        assertTrue(cellShowing(robot, sni), "the tree scrolled to the server name");

        HexView hex = inspector.bytesPane().hexView(0);
        for (int i = sni.offset - 1; i <= sni.offset + sni.length(); i++) {
            Node b = byteNode(robot, hex, i);
            assertNotNull(b, "byte " + i + " is on screen");
            boolean inside = i >= sni.offset && i < sni.offset + sni.length();
            assertEquals(inside, b.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("hex-highlight")), "byte " + i);
        }
        assertTrue(byteNode(robot, hex, sni.offset - 1).getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("hex-protocol")), "the TLS bytes around it");
        assertFalse(inspector.selectField("tls.handshake.no_such_field"));

        assertTrue(Files.isRegularFile(Screenshots.save(robot, stage.getScene(), "frame-inspector.png")));
    }

    @Test
    void clickingAByteSelectsTheDeepestItemCoveringIt(FxRobot robot) {
        FrameDissection fd = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        show(robot, fd);
        assertTrue(selectField(robot, "tcp.srcport"));
        ProtoNode sni = CaptureFrames.node(fd, SNI);
        int target = sni.offset + 3;
        robot.interact(() -> inspector.bytesPane().hexView(0).scrollToOffset(target));
        Node b = byteNode(robot, inspector.bytesPane().hexView(0), target);
        assertNotNull(b);
        robot.clickOn(b);

        assertSame(NodeLocator.deepestAt(fd.root, 0, target), selected());
        assertSame(sni, selected());
        assertSame(sni, inspector.treeView().getSelectionModel().getSelectedItem().getValue());
        assertEquals(new HighlightedRange(0, sni.offset, sni.length()), inspector.highlightedRange());
        assertTrue(cellShowing(robot, sni), "its parents were opened and the tree scrolled to it");

        // A click in the ASCII column means the same byte; the record header's first byte is its content type.
        ProtoNode type = CaptureFrames.node(fd, "tls.record.content_type");
        robot.interact(() -> inspector.bytesPane().hexView(0).scrollToOffset(type.offset));
        robot.clickOn(byteNode(robot, inspector.bytesPane().hexView(0), type.offset));
        assertSame(type, selected());
    }

    @Test
    void aReassembledRecordHasItsOwnTab(FxRobot robot) {
        FrameDissection fd = CaptureFrames.frame("zeek_client-certificate.pcap", 11);
        assertTrue(fd.sources().size() > 1);
        show(robot, fd);
        BytesPane bytes = inspector.bytesPane();
        assertEquals(List.of("Frame (460 bytes)", "Reassembled TCP (4030 bytes)"), bytes.sourceNames());
        assertEquals(List.of("Frame (460 bytes)", "Reassembled TCP (4030 bytes)"), robot.lookup(".bytes-tab").queryAll().stream()
                .filter(Node::isVisible).map(n -> ((javafx.scene.control.Label) n).getText()).toList(), "the tabs on screen");
        assertEquals(0, bytes.selectedSource());

        assertTrue(selectField(robot, "tls.handshake.certificate"));
        ProtoNode cert = selected();
        assertEquals(1, cert.source);
        assertEquals(1, bytes.selectedSource(), "switched to the reassembled tab");
        assertEquals(new HighlightedRange(1, cert.offset, cert.length()), inspector.highlightedRange());
        assertTrue(Files.isRegularFile(Screenshots.save(robot, stage.getScene(), "frame-inspector-reassembled.png")));

        // A byte of the reassembled buffer selects an item of that buffer.
        int target = cert.offset + 40;
        robot.interact(() -> bytes.hexView(1).scrollToOffset(target));
        robot.clickOn(byteNode(robot, bytes.hexView(1), target));
        assertSame(NodeLocator.deepestAt(fd.root, 1, target), selected());
        assertEquals(1, selected().source);

        assertTrue(selectField(robot, "tcp.srcport"));
        assertEquals(0, bytes.selectedSource(), "back to the frame's tab");
        assertEquals(0, inspector.highlightedRange().source());
    }

    @Test
    void expertNotesAreMarkedAndOpenedSubtreesStayOpen(FxRobot robot) {
        FrameDissection ooo = CaptureFrames.frame("zeek_hrr.pcap", 11);
        show(robot, ooo);
        ProtoNode flagged = CaptureFrames.node(ooo, "tcp.analysis.flags");
        robot.interact(() -> {
            inspector.selectNode(flagged);
            inspector.expandSubtrees();
        });
        TreeCell<?> cell = cellOf(robot, flagged);
        assertNotNull(cell);
        assertTrue(states(cell).containsAll(Set.of("expert-warn", "has-expert")), states(cell).toString());
        assertNotNull(cell.getGraphic(), "a marker");
        // The flagged row at the top, so that its expert rows below it are drawn (TCP's subtree is long).
        robot.interact(() -> inspector.treeView().scrollTo(inspector.treeView().getRow(
                inspector.treeView().getSelectionModel().getSelectedItem())));
        List<String> expertLines = new ArrayList<>();
        for (Node n : robot.lookup(".detail-cell").queryAll()) {
            if (states(n).contains("expert-info")) expertLines.add(((TreeCell<?>) n).getText());
        }
        assertEquals(List.of("[Expert Info (Warning/Sequence): This frame is a (suspected) out-of-order segment]"), expertLines);
        assertNull(inspector.highlightedRange(), "a generated item without bytes highlights nothing");
        robot.interact(() -> {
            var tree = inspector.treeView();
            int row = tree.getRow(tree.getSelectionModel().getSelectedItem());
            tree.getSelectionModel().clearSelection();
            tree.scrollTo(Math.max(0, row - 14)); // the expert rows in view for the screenshot
        });
        robot.moveTo(inspector.bytesPane());
        assertTrue(Files.isRegularFile(Screenshots.save(robot, stage.getScene(), "frame-inspector-expert.png")));

        // tcp and its analysis subtree were open: they are open in the next frame shown too.
        FrameDissection hello = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        show(robot, hello);
        TreeItem<ProtoNode> tcp = topLevel("tcp");
        assertTrue(tcp.isExpanded());
        assertFalse(topLevel("tls").isExpanded());
        robot.interact(() -> inspector.collapseAll());
        show(robot, ooo);
        assertFalse(topLevel("tcp").isExpanded(), "Collapse All forgets what was open");
    }

    @Test
    void malformedItemsStandOut(FxRobot robot) {
        FrameDissection fd = CaptureFrames.frame("zeek_tls12-decryption.pcap", 4);
        // A test-made defect: the hello's last extension said to run past the record.
        ProtoNode hello = CaptureFrames.node(fd, "tls.handshake");
        ProtoNode bad = hello.malformed(fd.frameTvb(), 570, 13, "Extension padding runs past the end of the record");
        show(robot, fd);
        robot.interact(() -> inspector.selectNode(bad));
        robot.interact(() -> inspector.treeView().getSelectionModel().clearSelection());
        TreeCell<?> cell = cellOf(robot, bad);
        assertNotNull(cell);
        assertEquals("[Malformed Packet: Extension padding runs past the end of the record]", cell.getText());
        assertTrue(states(cell).containsAll(Set.of("malformed", "expert-error")), states(cell).toString());
        robot.interact(() -> inspector.selectNode(bad));
        assertEquals(new HighlightedRange(0, 570, 13), inspector.highlightedRange());
        // For the screenshot: its expert rows open, and the padding before it selected so that it shows its colours.
        ProtoNode padding = CaptureFrames.labelled(fd, "Extension: padding");
        robot.interact(() -> {
            inspector.expandSubtrees();
            var tree = inspector.treeView();
            tree.scrollTo(Math.max(0, tree.getRow(tree.getSelectionModel().getSelectedItem()) - 16));
            inspector.selectNode(padding);
        });
        assertEquals(new HighlightedRange(0, padding.offset, padding.length()), inspector.highlightedRange());
        robot.moveTo(inspector.bytesPane());
        assertTrue(Files.isRegularFile(Screenshots.save(robot, stage.getScene(), "frame-inspector-malformed.png")));
    }

    @Test
    void theSelectedFieldIsSelectedAgainInTheNextFrame(FxRobot robot) {
        show(robot, CaptureFrames.frame("zeek_tls12-decryption.pcap", 4));
        assertTrue(selectField(robot, "tls.handshake.type"));
        FrameDissection serverHello = CaptureFrames.frame("zeek_tls12-decryption.pcap", 6);
        show(robot, serverHello);
        assertNotNull(selected());
        assertEquals("tls.handshake.type", selected().field.abbrev);
        assertEquals("Handshake Type: Server Hello (2)", selected().text());
        assertEquals(new HighlightedRange(0, selected().offset, 1), inspector.highlightedRange());
        show(robot, null);
        assertNull(selected());
        assertNull(inspector.highlightedRange());
        assertEquals(0, inspector.bytesPane().sourceCount());
    }

    @Test
    void contextMenuAppliesTheItemAsAFilter(FxRobot robot) {
        show(robot, CaptureFrames.frame("zeek_tls12-decryption.pcap", 4));
        List<String> applied = new ArrayList<>();
        List<String> prepared = new ArrayList<>();
        robot.interact(() -> {
            inspector.setOnApplyFilter(applied::add);
            inspector.setOnPrepareFilter(prepared::add);
        });
        assertTrue(selectField(robot, "tls.handshake.type"));
        robot.rightClickOn(cellOf(robot, selected()));
        robot.clickOn("Apply as Filter");
        assertEquals(List.of("tls.handshake.type == 1"), applied);

        assertTrue(selectField(robot, SNI));
        robot.rightClickOn(cellOf(robot, selected()));
        robot.clickOn("Prepare as Filter");
        assertEquals(List.of("tls.handshake.extensions_server_name == \"heise.de\""), prepared);
    }

    @Test
    void keyboardOpensAndClosesEverything(FxRobot robot) {
        show(robot, CaptureFrames.frame("zeek_client-certificate.pcap", 11));
        assertTrue(selectField(robot, "tls"));
        robot.clickOn(cellOf(robot, selected()));
        robot.press(KeyCode.SHIFT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.SHIFT);
        int opened = inspector.treeView().getExpandedItemCount();
        assertTrue(opened > 300, "the TLS subtree with its certificates is open: " + opened + " rows");
        assertFalse(topLevel("tcp").isExpanded());
        robot.press(KeyCode.CONTROL, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.CONTROL);
        assertTrue(topLevel("tcp").isExpanded());
        robot.press(KeyCode.CONTROL, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.CONTROL);
        assertEquals(inspector.treeView().getRoot().getChildren().size(), inspector.treeView().getExpandedItemCount());
    }

    @Test
    void bigBuffersOnlyDrawTheRowsOnScreen(FxRobot robot) {
        byte[] big = new byte[64 * 1024 + 5];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        HexView[] view = new HexView[1];
        robot.interact(() -> {
            view[0] = new HexView(big);
            stage.setScene(new Scene(view[0], 700, 400));
        });
        robot.interact(() -> view[0].highlight(60_000, 20));
        Node b = byteNode(robot, view[0], 60_010);
        assertNotNull(b, "scrolled to the highlight");
        assertTrue(b.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("hex-highlight")));
        int rows = robot.lookup(".hex-row").queryAll().size();
        assertTrue(rows < 60, rows + " row cells for " + big.length / 16 + " rows");
        int[] clicked = {-1};
        robot.interact(() -> view[0].setOnByteClicked(off -> clicked[0] = off));
        robot.clickOn(b);
        assertEquals(60_010, clicked[0]);
        assertEquals("00ea60", ((javafx.scene.text.Text) robot.lookup(".hex-offset")
                .match(n -> ((javafx.scene.text.Text) n).getText().equals("00ea60")).query()).getText(),
                "6 offset digits past 64 KiB");
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The pseudo-classes a cell shows (expert severity, malformed, ...), as names. */
    private static Set<String> states(Node n) {
        Set<String> s = new java.util.HashSet<>();
        for (javafx.css.PseudoClass pc : n.getPseudoClassStates()) s.add(pc.getPseudoClassName());
        return s;
    }

    private TreeItem<ProtoNode> topLevel(String abbrev) {
        for (TreeItem<ProtoNode> c : inspector.treeView().getRoot().getChildren()) {
            if (c.getValue().field != null && c.getValue().field.abbrev.equals(abbrev)) return c;
        }
        throw new AssertionError("no top-level " + abbrev);
    }

    /** The cell of a byte, once the scroll that brought it on screen has been laid out (at the next pulse). */
    private static Node byteNode(FxRobot robot, HexView view, int offset) {
        Node[] n = new Node[1];
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
                n[0] = view.byteNode(offset);
                return n[0] != null && insideOf(view, n[0]);
            }).get());
        } catch (TimeoutException e) {
            throw new AssertionError("byte " + offset + " not shown in the hex view within 5 s");
        }
        return n[0];
    }

    /** Whether {@code node}'s centre lies in {@code view}'s area on screen (where a click on it lands). */
    private static boolean insideOf(Node view, Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        return b.getWidth() > 0 && view.localToScene(view.getLayoutBounds()).contains(b.getCenterX(), b.getCenterY());
    }

    private static TreeCell<?> cellOf(FxRobot robot, ProtoNode node) {
        for (Node n : robot.lookup(".detail-cell").queryAll()) {
            TreeCell<?> c = (TreeCell<?>) n;
            if (c.getItem() == node && c.isVisible()) return c;
        }
        return null;
    }

    private boolean cellShowing(FxRobot robot, ProtoNode node) {
        TreeCell<?> c = cellOf(robot, node);
        if (c == null) return false;
        var inTree = inspector.treeView().sceneToLocal(c.localToScene(c.getBoundsInLocal()));
        return inTree.getMinY() >= 0 && inTree.getMaxY() <= inspector.treeView().getHeight();
    }
}
