package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** If-None-Match as RFC 9110 reads it: the star, lists, and weak comparison. */
class EntityTagsTest {

    private static final String TAG = EntityTags.of("{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void theSameBytesGetTheSameStrongTagAndOtherBytesAnother() {
        assertThat(TAG).matches("\"[0-9a-f]{32}\"").isEqualTo(EntityTags.of("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(EntityTags.of("{ }".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(TAG);
    }

    @Test
    void matchesTheTagItsWeakFormAListHoldingItAndTheStar() {
        assertThat(EntityTags.matches(TAG, TAG)).isTrue();
        assertThat(EntityTags.matches("W/" + TAG, TAG)).isTrue();
        assertThat(EntityTags.matches("\"a\" ,  " + TAG + ",\"b\"", TAG)).isTrue();
        assertThat(EntityTags.matches("*", TAG)).isTrue();
    }

    @Test
    void noHeaderAnotherTagOrAnUnquotedOneDoNotMatch() {
        assertThat(EntityTags.matches(null, TAG)).isFalse();
        assertThat(EntityTags.matches("\"a\", W/\"b\"", TAG)).isFalse();
        assertThat(EntityTags.matches(TAG.replace("\"", ""), TAG)).isFalse();
        assertThat(EntityTags.matches("", TAG)).isFalse();
    }
}
