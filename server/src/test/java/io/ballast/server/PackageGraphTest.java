package io.ballast.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph, held: data flows ingest → store → score → stream → http and no stage reaches back; the plugin
 * API depends on the JDK alone; plugins and the test kit know nothing of the server; configuration is a leaf; only
 * the start-up stages (this package) know every stage, and the cluster (which alone names Hazelcast).
 */
@AnalyzeClasses(packages = "io.ballast", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

    private static final String SERVER = "io.ballast.server";

    @ArchTest
    static final ArchRule storeKnowsNothingOfScoringStreamsOrHttp = noClasses()
            .that().resideInAPackage(SERVER + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".score..", SERVER + ".stream..",
                    SERVER + ".http..");

    @ArchTest
    static final ArchRule scoringKnowsNothingOfStreamsOrHttp = noClasses()
            .that().resideInAPackage(SERVER + ".score..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".stream..", SERVER + ".http..");

    @ArchTest
    static final ArchRule ingestKnowsNothingOfHttp = noClasses()
            .that().resideInAPackage(SERVER + ".ingest..")
            .should().dependOnClassesThat().resideInAPackage(SERVER + ".http..");

    @ArchTest
    static final ArchRule thePluginApiDependsOnTheJdkAlone = classes()
            .that().resideInAPackage("io.ballast.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.ballast.api..");

    @ArchTest
    static final ArchRule pluginsAndTheTestKitKnowNothingOfTheServer = noClasses()
            .that().resideInAnyPackage("io.ballast.indicators..", "io.ballast.testkit..", "io.ballast.api..")
            .should().dependOnClassesThat().resideInAPackage(SERVER + "..");

    @ArchTest
    static final ArchRule configurationIsALeaf = noClasses()
            .that().resideInAPackage(SERVER + ".config..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".store..", SERVER + ".score..",
                    SERVER + ".stream..", SERVER + ".http..", SERVER + ".ingest..", SERVER + ".indicator..",
                    SERVER + ".connector..");

    @ArchTest
    static final ArchRule onlyTheStartUpStagesKnowEveryStage = noClasses()
            .that().resideInAPackage(SERVER + ".(*)..")
            .should().dependOnClassesThat().resideInAPackage(SERVER);

    @ArchTest
    static final ArchRule onlyTheStartUpStagesKnowTheCluster = noClasses()
            .that().resideInAPackage(SERVER + ".(*)..").and().resideOutsideOfPackage(SERVER + ".cluster..")
            .should().dependOnClassesThat().resideInAPackage(SERVER + ".cluster..");

    @ArchTest
    static final ArchRule theClusterKnowsNothingOfHttpStoreOrIngest = noClasses()
            .that().resideInAPackage(SERVER + ".cluster..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER + ".http..", SERVER + ".store..",
                    SERVER + ".ingest..");

    /** A single node loads nothing of Hazelcast: only the cluster package names it. */
    @ArchTest
    static final ArchRule hazelcastStaysInTheCluster = noClasses()
            .that().resideOutsideOfPackage(SERVER + ".cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..", "io.vertx.spi.cluster..");

    @ArchTest
    static final ArchRule micronautStaysInTheStore = noClasses()
            .that().resideOutsideOfPackage(SERVER + ".store..")
            .should().dependOnClassesThat().resideInAPackage("io.micronaut..");
}
