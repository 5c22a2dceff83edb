package dev.eddy.sse.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;

/** Rules of the connector's main code, checked on every build. */
@AnalyzeClasses(
        packages = "dev.eddy.sse",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ConnectorRulesTest {

    /** Users must be able to tell what they may depend on, as in Flink's own connectors. */
    @ArchTest
    static final ArchRule PUBLIC_TYPES_SAY_WHETHER_USERS_MAY_DEPEND_ON_THEM =
            classes()
                    .that()
                    .arePublic()
                    .should()
                    .beAnnotatedWith(PublicEvolving.class)
                    .orShould()
                    .beAnnotatedWith(Internal.class);

    /**
     * The wire protocol is used by the replay server and the endpoint, which have no Flink at run
     * time: it may carry Flink's annotations (class-file only), nothing else of Flink.
     */
    @ArchTest
    static final ArchRule THE_PROTOCOL_NEEDS_NOTHING_OF_FLINK_AT_RUN_TIME =
            noClasses()
                    .that()
                    .resideInAPackage("dev.eddy.sse.protocol..")
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage("org.apache.flink..")
                                    .and(resideOutsideOfPackage("org.apache.flink.annotation")));

    /** The protocol is the bottom layer: the client, source and sink build on it, not back. */
    @ArchTest
    static final ArchRule THE_PROTOCOL_DEPENDS_ON_NO_OTHER_LAYER =
            noClasses()
                    .that()
                    .resideInAPackage("dev.eddy.sse.protocol..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "dev.eddy.sse.client..",
                            "dev.eddy.sse.source..",
                            "dev.eddy.sse.sink..");
}
