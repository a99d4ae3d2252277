package io.ballast.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void membersWithTheSamePluginSetMatch() {
        Membership m = new Membership("10.0.0.1:5701", List.of("10.0.0.1:5701", "10.0.0.2:5701"),
                Map.of("10.0.0.1:5701", "a@1.0,b@2.0", "10.0.0.2:5701", "a@1.0,b@2.0"));
        assertThat(m.pluginsMatch()).isTrue();
        assertThat(m.report()).containsEntry("members", 2).containsEntry("plugins", "MATCH")
                .doesNotContainKey("differing");
    }

    @Test
    void aMemberWithAnotherVersionIsReportedWithItsSet() {
        Membership m = new Membership("10.0.0.1:5701", List.of("10.0.0.1:5701", "10.0.0.2:5701"),
                Map.of("10.0.0.1:5701", "a@1.0,b@2.0", "10.0.0.2:5701", "a@1.1,b@2.0"));
        assertThat(m.pluginsMatch()).isFalse();
        assertThat(m.report()).containsEntry("plugins", "MISMATCH")
                .containsEntry("differing", Map.of("10.0.0.2:5701", "a@1.1,b@2.0"));
    }

    @Test
    void aMemberThatHasNotAnnouncedItsSetIsNoMismatch() {
        Membership m = new Membership("10.0.0.1:5701", List.of("10.0.0.1:5701", "10.0.0.2:5701"),
                Map.of("10.0.0.1:5701", "a@1.0"));
        assertThat(m.pluginsMatch()).isTrue();
        assertThat(m.report()).containsEntry("addresses", List.of("10.0.0.1:5701", "10.0.0.2:5701"));
    }
}
