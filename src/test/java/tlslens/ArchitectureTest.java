package tlslens;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers, checked on the compiled classes: data flows capture → flow → engine → dissectors (on the
 * field framework in {@code tlslens.dissect}) → analysis → explain → cli / ui, and no layer reaches up. The
 * engine layers never touch JavaFX, so they run headless and the GUI cannot stall them; the view models
 * in {@code ui.model} hold no scene-graph node, so they are tested without a screen.
 */
@AnalyzeClasses(packages = "tlslens", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule captureAndFlowSitBelowTheDissectors = noClasses()
            .that().resideInAnyPackage("tlslens.capture..", "tlslens.flow..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "tlslens.dissect..", "tlslens.engine..", "tlslens.analysis..", "tlslens.cli..", "tlslens.ui..")
            .because("reading packets and reassembling streams need no protocol knowledge above TCP");

    @ArchTest
    static final ArchRule dissectorsDoNotKnowWhoRunsThem = noClasses()
            .that().resideInAPackage("tlslens.dissect..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "tlslens.engine..", "tlslens.analysis..", "tlslens.explain..", "tlslens.cli..", "tlslens.ui..")
            .because("a dissector reads bytes into a tree; the engine, the analyses and the front ends read the tree");

    @ArchTest
    static final ArchRule engineDoesNotKnowItsReaders = noClasses()
            .that().resideInAPackage("tlslens.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "tlslens.analysis..", "tlslens.explain..", "tlslens.cli..", "tlslens.ui..");

    @ArchTest
    static final ArchRule analysisDoesNotKnowTheFrontEnds = noClasses()
            .that().resideInAPackage("tlslens.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("tlslens.explain..", "tlslens.cli..", "tlslens.ui..");

    /** The notes read the tree and the connection model and are read by the front ends, headless as in the window. */
    @ArchTest
    static final ArchRule explanationsDoNotKnowTheFrontEnds = noClasses()
            .that().resideInAPackage("tlslens.explain..")
            .should().dependOnClassesThat().resideInAnyPackage("tlslens.cli..", "tlslens.ui..");

    @ArchTest
    static final ArchRule theLabOnlyWritesCaptures = noClasses()
            .that().resideInAPackage("tlslens.lab..")
            .should().dependOnClassesThat().resideInAnyPackage("tlslens.flow..", "tlslens.dissect..",
                    "tlslens.engine..", "tlslens.analysis..", "tlslens.cli..", "tlslens.ui..")
            .because("the lab makes traffic between real peers and writes it; reading it back is the dissector's job, "
                    + "so a lesson is checked by the same code as any capture");

    @ArchTest
    static final ArchRule onlyTheWindowUsesJavafx = noClasses()
            .that().resideOutsideOfPackage("tlslens.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the command line runs without a display, and no engine thread may wait on the FX thread");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().resideInAPackage("tlslens.ui.model..")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("a view model is tested without a screen (JabRef's view / view-model split)");

    /**
     * One slice per package, no exception: the TLS dissector's parts (messages, ext, decrypt) read the
     * fields, notes and handshake context from tls.base, below the record layer that dispatches to them.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("tlslens.(**)")
            .should().beFreeOfCycles();
}
