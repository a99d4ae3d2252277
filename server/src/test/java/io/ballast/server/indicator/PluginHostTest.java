package io.ballast.server.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginHostTest {

    @Test
    void serviceLoaderFindsTheFourBuiltInIndicatorsOnTheClasspath() {
        PluginHost host = new PluginHost(id -> true);
        host.discover(getClass().getClassLoader(), "classpath");
        assertThat(host.all()).extracting(LoadedPlugin::id).containsExactly(
                "export-control-exposure", "foreign-investment", "internal-capacity", "labor-conditions");
        assertThat(host.all()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(PluginState.STARTED);
            assertThat(p.source()).isEqualTo("classpath");
            assertThat(p.descriptor().inputs()).isNotEmpty();
        });
        assertThat(host.refusals()).isEmpty();
    }

    @Test
    void discoveringTheSamePluginsTwiceRefusesTheDuplicateIdsAndKeepsTheFirst() {
        PluginHost host = new PluginHost(id -> true);
        host.discover(getClass().getClassLoader(), "classpath");
        host.discover(getClass().getClassLoader(), "again");
        assertThat(host.all()).hasSize(4).allSatisfy(p -> assertThat(p.source()).isEqualTo("classpath"));
        assertThat(host.refusals().get("again")).hasSize(4)
                .allSatisfy(r -> assertThat(r).contains("already taken by classpath"));
    }

    @Test
    void anIndicatorSwitchedOffInConfigIsDisabledAndNotExpectedInTheComposite() {
        PluginHost host = new PluginHost(id -> !id.equals("labor-conditions"));
        host.discover(getClass().getClassLoader(), "classpath");
        assertThat(host.get("labor-conditions")).get().extracting(LoadedPlugin::state)
                .isEqualTo(PluginState.DISABLED);
        assertThat(host.started()).hasSize(3);
        assertThat(host.expected()).extracting(LoadedPlugin::id).doesNotContain("labor-conditions");
    }

    @Test
    void aFailedPluginKeepsItsCauseAndStaysExpectedSoTheCompositeNamesItMissing() {
        PluginHost host = new PluginHost(id -> true);
        host.discover(getClass().getClassLoader(), "classpath");
        host.fail("foreign-investment", host.get("foreign-investment").orElseThrow().indicator(),
                "measure threw for CHN 2023: boom");
        LoadedPlugin failed = host.get("foreign-investment").orElseThrow();
        assertThat(failed.state()).isEqualTo(PluginState.FAILED);
        assertThat(failed.failure()).contains("measure threw for CHN 2023: boom");
        assertThat(host.started()).extracting(LoadedPlugin::id).doesNotContain("foreign-investment");
        assertThat(host.expected()).extracting(LoadedPlugin::id).contains("foreign-investment");
        assertThat(host.enable("foreign-investment").state()).isEqualTo(PluginState.STARTED);
        assertThat(host.get("foreign-investment").orElseThrow().failure()).isEmpty();
    }

    @Test
    void aFailureReportedByAnOldInstanceDoesNotTouchItsReplacement() {
        PluginHost host = new PluginHost(id -> true);
        host.discover(getClass().getClassLoader(), "classpath");
        var old = host.get("labor-conditions").orElseThrow().indicator();
        host.remove("labor-conditions");
        host.add(new io.ballast.indicators.laborconditions.LaborConditions(), "v2.jar");
        host.fail("labor-conditions", old, "NoClassDefFoundError after unload");
        assertThat(host.get("labor-conditions").orElseThrow().state()).isEqualTo(PluginState.STARTED);
    }

    @Test
    void listenersHearAdditionsRemovalsAndSwitches() {
        PluginHost host = new PluginHost(id -> true);
        var changes = new java.util.concurrent.atomic.AtomicInteger();
        host.onChange(changes::incrementAndGet);
        host.discover(getClass().getClassLoader(), "classpath");
        host.disable("internal-capacity");
        host.enable("internal-capacity");
        host.remove("internal-capacity");
        assertThat(changes.get()).isEqualTo(4 + 3);
        assertThat(host.get("internal-capacity")).isEmpty();
    }
}
