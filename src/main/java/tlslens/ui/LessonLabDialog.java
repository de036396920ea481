package tlslens.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import tlslens.lab.Lab;
import tlslens.lab.LabPeers;
import tlslens.lab.LabScenario;

/**
 * File → New Lesson Capture…: one check box per lesson with the implementation that makes it
 * (greyed out, with the reason, when no peer here can), the simulated round-trip time and the file
 * to write. The lab runs in the background with its progress shown; the capture it made is then
 * handed to {@code made} (the window opens it on the first resumed connection's ladder).
 */
final class LessonLabDialog {
    private final Window owner;
    private final Consumer<Lab.Result> made;
    private final Stage stage = new Stage();
    private final Map<LabScenario, CheckBox> boxes = new LinkedHashMap<>();
    private final TextField rttField = new TextField("40");
    private final TextField fileField = new TextField();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button makeButton = new Button("Make the capture");
    private final Button closeButton = new Button("Close");
    private final Label skippedLabel = new Label();
    private final CheckBox captureLoBox = new CheckBox("Capture the lab on lo (real kernel packets)");

    /** What the dialog needs probed first: the lessons' peers, and why loopback capture is refused (null: allowed). */
    private record Probe(List<LabPeers.Availability> peers, String loopbackRefusal) {}

    /**
     * Probes the peers (it runs openssl) and whether loopback may be captured (it opens the
     * interface) in the background, then shows the dialog.
     */
    static void open(Window owner, Consumer<Lab.Result> made) {
        Background.run(() -> new Probe(LabPeers.all(), Lab.loopbackCaptureRefusal()),
                p -> new LessonLabDialog(owner, made, p.peers(), p.loopbackRefusal()).stage.show(),
                e -> new LessonLabDialog(owner, made, List.of(), "not probed: " + e.getMessage()).stage.show());
    }

    private LessonLabDialog(Window owner, Consumer<Lab.Result> made, List<LabPeers.Availability> peers,
                            String loopbackRefusal) {
        this.owner = owner;
        this.made = made;
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        int row = 0;
        for (LabPeers.Availability a : peers) {
            CheckBox box = new CheckBox(a.scenario().title());
            box.setId("lab-" + a.scenario().id());
            box.setSelected(a.available());
            box.setDisable(!a.available());
            box.setMnemonicParsing(false); // "psk_dhe_ke" keeps its underscores
            box.setWrapText(true);
            box.setMaxWidth(400);
            Label by = new Label(a.available() ? a.implementation() : "unavailable: " + a.reason());
            by.setWrapText(true);
            by.setMaxWidth(420);
            by.getStyleClass().add(a.available() ? "lab-implementation" : "lab-unavailable");
            by.setDisable(!a.available());
            boxes.put(a.scenario(), box);
            grid.addRow(row++, box, by);
            if (a.available() && !a.scenario().transport().equals("tcp")) {
                // The loopback capture follows TCP connections only: with it on, a QUIC lesson is greyed and says why.
                String impl = a.implementation();
                captureLoBox.selectedProperty().addListener((o, was, on) -> {
                    box.setDisable(on);
                    by.setDisable(on);
                    by.setText(on ? "not with the loopback capture: " + Lab.LOOPBACK_TCP_ONLY : impl);
                });
            }
        }
        rttField.setId("labRtt");
        rttField.setPrefColumnCount(5);
        fileField.setId("labFile");
        fileField.setText(Path.of(System.getProperty("user.home"), "tls-lesson.pcapng").toString());
        HBox.setHgrow(fileField, Priority.ALWAYS);
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> chooseFile());
        HBox rtt = new HBox(8, new Label("Simulated round-trip time (ms, 0: as it happened on loopback):"), rttField);
        HBox file = new HBox(8, new Label("Write to:"), fileField, browse);
        // An option, not the default: it needs the permission to capture, and its timing is loopback's.
        captureLoBox.setId("labCaptureLo");
        captureLoBox.setDisable(loopbackRefusal != null);
        captureLoBox.setMnemonicParsing(false);
        rttField.disableProperty().bind(captureLoBox.selectedProperty());
        Label loNote = new Label(loopbackRefusal == null
                ? "libpcap's packets on loopback instead of frames built from the relay's record; real timing, so no "
                + "simulated round trip." : "unavailable: " + loopbackRefusal);
        loNote.setId("labCaptureLoNote");
        loNote.setWrapText(true);
        loNote.setMaxWidth(520);
        loNote.getStyleClass().add(loopbackRefusal == null ? "lab-implementation" : "lab-unavailable");
        loNote.setDisable(loopbackRefusal != null);
        HBox captureLo = new HBox(12, captureLoBox, loNote);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        progress.managedProperty().bind(progress.visibleProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.setId("labStatus");
        status.setWrapText(true);
        skippedLabel.setWrapText(true);
        makeButton.setId("labMake");
        makeButton.setDefaultButton(true);
        makeButton.setOnAction(e -> make());
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> stage.close());
        HBox buttons = new HBox(8, makeButton, closeButton);
        Label intro = new Label("Real TLS clients and servers talk over loopback through a relay that records what they "
                + "say: no capture permission and no network needed. Each lesson's keys are embedded in the file, and a "
                + "manifest beside it says what really happened.");
        intro.setWrapText(true);
        VBox content = new VBox(10, intro, grid, rtt, captureLo, file, progress, status, buttons);
        content.setPadding(new Insets(14));
        content.setPrefWidth(860);
        content.setId("lessonLabDialog");
        Scene scene = new Scene(content);
        if (owner != null && owner.getScene() != null) scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.setTitle("New Lesson Capture — TLS Lens");
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        if (peers.isEmpty()) status.setText("The lab's peers could not be probed.");
    }

    private void chooseFile() {
        FileChooser c = new FileChooser();
        c.setTitle("Write the lesson capture to");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("pcapng (*.pcapng)", "*.pcapng"));
        File f = c.showSaveDialog(stage);
        if (f != null) fileField.setText(f.getPath().endsWith(".pcapng") ? f.getPath() : f.getPath() + ".pcapng");
    }

    private void make() {
        List<LabScenario> chosen = new ArrayList<>();
        boxes.forEach((s, b) -> {
            if (b.isSelected() && !b.isDisabled()) chosen.add(s);
        });
        if (chosen.isEmpty()) {
            status.setText("Choose at least one lesson.");
            return;
        }
        boolean captureLo = captureLoBox.isSelected() && !captureLoBox.isDisabled();
        int rtt = 0;
        if (!captureLo) {
            try {
                rtt = Integer.parseInt(rttField.getText().trim());
                if (rtt < 0 || rtt > 10_000) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                status.setText("The round-trip time must be a whole number of milliseconds, 0 to 10000.");
                return;
            }
        }
        int simulatedRtt = rtt;
        String name = fileField.getText().trim();
        if (name.isEmpty()) {
            status.setText("Choose the file to write.");
            return;
        }
        Path out = Path.of(name);
        makeButton.setDisable(true);
        progress.setVisible(true);
        progress.setProgress(0);
        Background.run(() -> Lab.run(out, chosen, simulatedRtt, captureLo, (message, fraction) -> Platform.runLater(() -> {
            status.setText(message);
            progress.setProgress(fraction);
        })), this::done, e -> {
            makeButton.setDisable(false);
            progress.setVisible(false);
            status.setText("The lab failed: " + e.getMessage());
        });
    }

    private void done(Lab.Result r) {
        if (!stage.isShowing()) return; // closed while the lab ran: the user no longer wants it opened
        progress.setProgress(1);
        makeButton.setDisable(false);
        if (r.connections().isEmpty()) {
            StringBuilder sb = new StringBuilder("No lesson could be made.");
            for (Lab.Skipped s : r.skipped()) sb.append("\n").append(s.scenario().id()).append(": ").append(s.reason());
            status.setText(sb.toString());
            return;
        }
        made.accept(r);
        // A loopback capture that missed packets is still opened, but the dialog stays to say what is missing.
        if (r.warnings().isEmpty()) stage.close();
        else status.setText("Made, opened in the window, but:\n" + String.join("\n", r.warnings()));
    }

    /** The dialog's window (tests find its controls through it). */
    Stage stage() { return stage; }
}
