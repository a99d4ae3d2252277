package io.ballast.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.connector.FederalRegisterMapping.Mapped;
import io.ballast.server.connector.FederalRegisterMapping.Outcome;
import io.ballast.server.store.ControlEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a Federal Register document becomes events: the words read, the numbers found, the doubts flagged. */
class FederalRegisterMappingTest {

    static final Instant NOW = Instant.parse("2024-12-01T00:00:00Z");
    final FederalRegisterMapping mapping = new FederalRegisterMapping(List.of("CHN", "USA", "DEU", "JPN", "KOR",
            "IND"));

    static FederalRegisterDocument rule(String number, String title, String abstractText) {
        return new FederalRegisterDocument(number, title, "Rule", Optional.ofNullable(abstractText),
                LocalDate.parse("2024-11-06"), Optional.of(LocalDate.parse("2024-11-07")),
                "https://www.federalregister.gov/d/" + number, Optional.of("https://www.federalregister.gov/t/"
                + number + ".txt"), List.of("industry-and-security-bureau"), Optional.of("89 FR 1"));
    }

    Mapped map(FederalRegisterDocument doc) {
        return mapping.map(doc, Optional.empty(), false, NOW);
    }

    @Test
    void anEntityListAdditionNamingChinaWithItsCountIsOneTargetedTighteningNeedingNoReview() {
        Mapped m = map(rule("2024-25101", "Additions to the Entity List", "BIS amends the EAR by adding 23 entities "
                + "under China to the Entity List."));
        assertThat(m.outcome()).isEqualTo(Outcome.EVENTS);
        ControlEvent e = m.events().get(0);
        assertThat(m.events()).hasSize(1);
        assertThat(e.key()).isEqualTo("fr-2024-25101");
        assertThat(e.targets()).containsExactly("CHN");
        assertThat(e.entities()).isEqualTo(23);
        assertThat(e.type()).isEqualTo("entity-listing");
        assertThat(e.direction()).isEqualTo("tighten");
        assertThat(e.scope()).isEqualTo("targeted");
        assertThat(e.jurisdiction()).isEqualTo("USA");
        assertThat(e.date()).as("the effective date").isEqualTo(LocalDate.parse("2024-11-07"));
        assertThat(e.source()).isEqualTo("https://www.federalregister.gov/d/2024-25101");
        assertThat(e.origin()).isEqualTo("federalregister");
        assertThat(e.needsReview()).isFalse();
        assertThat(e.note()).contains("2024-25101", "89 FR 1", "published 2024-11-06");
    }

    @Test
    void countsWrittenInWordsAndRemovalsAreRead() {
        ControlEvent e = map(rule("2024-22610", "Removal of Certain Entities From the Entity List", "BIS amends the "
                + "EAR by removing four entities under India from the Entity List.")).events().get(0);
        assertThat(e.direction()).isEqualTo("relax");
        assertThat(e.targets()).containsExactly("IND");
        assertThat(e.entities()).isEqualTo(4);
        assertThat(e.needsReview()).isFalse();
    }

    @Test
    void aRuleRevisingControlsForAllDestinationsCountsAgainstEveryConfiguredEconomyButTheUsAndAwaitsReview() {
        ControlEvent e = map(rule("2024-24511", "Revisions to License Requirements for Advanced Computing Items",
                "BIS amends the EAR to revise controls on certain advanced computing items, imposing a license "
                        + "requirement for exports to all destinations.")).events().get(0);
        assertThat(e.type()).isEqualTo("product-control");
        assertThat(e.scope()).isEqualTo("all-destinations");
        assertThat(e.targets()).containsExactly("CHN", "DEU", "JPN", "KOR", "IND");
        assertThat(e.entities()).isNull();
        assertThat(e.needsReview()).isTrue();
        assertThat(e.note()).contains("Needs review", "all destinations");
    }

    @Test
    void anAbstractWithoutEconomiesAsksForTheFullTextWhichSplitsTheListingByEconomy() {
        FederalRegisterDocument doc = rule("2024-22040", "Additions to the Entity List", "BIS amends the EAR by "
                + "adding entities to the Entity List.");
        assertThat(map(doc).outcome()).isEqualTo(Outcome.NEEDS_FULL_TEXT);

        Mapped m = mapping.map(doc, Optional.of(FederalRegisterStub.resource("text-2024-22040.txt")), true, NOW);
        assertThat(m.events()).extracting(ControlEvent::key, ControlEvent::targets, ControlEvent::entities,
                ControlEvent::needsReview).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fr-2024-22040-chn", List.of("CHN"), 8, false),
                org.assertj.core.groups.Tuple.tuple("fr-2024-22040-rus", List.of("RUS"), 3, false));
        assertThat(m.events().get(0).note()).contains("full text");
    }

    @Test
    void withoutTheFullTextTheGapsAreFlaggedForReview() {
        Mapped m = mapping.map(rule("2024-22040", "Additions to the Entity List", "BIS amends the EAR by adding "
                + "entities to the Entity List."), Optional.empty(), true, NOW);
        ControlEvent e = m.events().get(0);
        assertThat(e.targets()).isEmpty();
        assertThat(e.entities()).isNull();
        assertThat(e.needsReview()).isTrue();
        assertThat(e.note()).contains("full text was not read", "no economy named");
    }

    @Test
    void aTotalShownForSeveralEconomiesIsCountedAgainstEachAndFlagged() {
        ControlEvent e = mapping.map(rule("2024-30001", "Additions to the Entity List", "BIS amends the EAR by "
                + "adding 12 entities to the Entity List, located in China and Russia."), Optional.empty(), true,
                NOW).events().get(0);
        assertThat(e.targets()).containsExactly("CHN", "RUS");
        assertThat(e.entities()).isEqualTo(12);
        assertThat(e.needsReview()).isTrue();
        assertThat(e.note()).contains("total");
    }

    @Test
    void northKoreaIsNeverReadAsTheRepublicOfKorea() {
        ControlEvent e = map(rule("2024-30002", "Additions to the Entity List", "BIS adds 2 entities under North "
                + "Korea to the Entity List.")).events().get(0);
        assertThat(e.targets()).containsExactly("PRK");
    }

    @Test
    void correctionsNoticesAndPenaltyAdjustmentsAreNoNewExportControls() {
        assertThat(map(rule("2024-23990", "Additions to the Entity List; Correction", "BIS is correcting a final "
                + "rule.")).outcome()).isEqualTo(Outcome.CORRECTION);
        assertThat(map(rule("2024-21115", "Civil Monetary Penalty Inflation Adjustments", "BIS adjusts for "
                + "inflation the maximum civil monetary penalty under the Export Administration Regulations."))
                .outcome()).isEqualTo(Outcome.NOT_EXPORT_CONTROL);
        assertThat(map(rule("2024-21116", "Freedom of Information Act Regulations", "BIS updates its FOIA "
                + "procedures.")).outcome()).isEqualTo(Outcome.NOT_EXPORT_CONTROL);
        FederalRegisterDocument notice = new FederalRegisterDocument("2024-20301", "Emerging Technology Technical "
                + "Advisory Committee; Notice of Partially Closed Meeting", "Notice", Optional.of("The committee "
                + "will discuss export controls."), LocalDate.parse("2024-09-10"), Optional.empty(),
                "https://www.federalregister.gov/d/2024-20301", Optional.empty(), List.of(), Optional.empty());
        assertThat(map(notice).outcome()).isEqualTo(Outcome.NOT_EXPORT_CONTROL);
    }
}
