package dev.voiceotp.sandbox.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ScenarioBookTest {

    private final ScenarioBook book = new ScenarioBook();

    @Test
    void shouldMatchTheNewestRuleForTheNumberFirst() {
        book.add(rule(null, null, Outcome.NO_ANSWER));
        book.add(rule("+14155550111", null, Outcome.BUSY));

        assertThat(book.next("+14155550111").outcome()).isEqualTo(Outcome.BUSY);
        assertThat(book.next("+14155550122").outcome()).isEqualTo(Outcome.NO_ANSWER);
    }

    @Test
    void shouldDropACountedRuleOnceItsUsesRunOut() {
        book.add(rule("+14155550111", 2, Outcome.MACHINE));

        assertThat(book.next("+14155550111").outcome()).isEqualTo(Outcome.MACHINE);
        assertThat(book.rules()).singleElement().extracting(ScenarioRule::count).isEqualTo(1);
        assertThat(book.next("+14155550111").outcome()).isEqualTo(Outcome.MACHINE);
        assertThat(book.next("+14155550111")).isEqualTo(Scenario.ANSWERED);
        assertThat(book.rules()).isEmpty();
    }

    @Test
    void shouldRefuseMoreRulesThanItKeeps() {
        for (int i = 0; i < ScenarioBook.MAX_RULES; i++) {
            book.add(rule(null, null, Outcome.ANSWER));
        }

        assertThatThrownBy(() -> book.add(rule(null, null, Outcome.ANSWER)))
                .isInstanceOf(ScenarioBookFullException.class);
        book.clear();
        assertThat(book.rules()).isEmpty();
    }

    private static Scenario rule(@Nullable String number, @Nullable Integer count, Outcome outcome) {
        return new Scenario(number, count, ApiBehaviour.ACCEPT, 0L, outcome, List.of());
    }
}
