package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickTest {
  @Test
  void readsTheThreeFieldsInAnyOrderIgnoringOthersAndBlanks() {
    assertThat(Click.parse("{\"user\":\"u1\",\"page\":\"/home\",\"ts\":1700000000000}"))
        .isEqualTo(new Click("u1", "/home", 1_700_000_000_000L));
    assertThat(Click.parse("{ \"ts\" : 5, \"action\":\"view\", \"page\" : \"/a\", \"user\": \"u\" }"))
        .isEqualTo(new Click("u", "/a", 5));
  }

  @Test
  void escapedQuotesStayInTheValueAndSurviveARoundTrip() {
    Click click = new Click("u\"1", "/search?q=\\x", 42);
    assertThat(Click.parse(click.toJson())).isEqualTo(click);
  }

  @Test
  void malformedLinesAreNull() {
    assertThat(Click.parse("")).isNull();
    assertThat(Click.parse("{\"user\":\"u1\",\"page\":\"/home\"}")).as("no ts").isNull();
    assertThat(Click.parse("{\"user\":\"u1\",\"page\":\"/home\",\"ts\":\"soon\"}")).as("ts not a number").isNull();
    assertThat(Click.parse("{\"ts\":1,\"user\":\"u1\",\"page\":\"/home")).as("unterminated string").isNull();
    assertThat(Click.parse("{\"user\":\"u1\",\"page\":7,\"ts\":1}")).as("page not a string").isNull();
  }

  @Test
  void eventTimeIsTheClicksTsOrTheArrivalTimeOfALineThatIsNoClick() {
    ClickstreamTopPages.ClickTime time = new ClickstreamTopPages.ClickTime();
    assertThat(time.extractTimestamp("{\"user\":\"u\",\"page\":\"/\",\"ts\":1234}", 99)).isEqualTo(1234);
    assertThat(time.extractTimestamp("not a click", 99)).isEqualTo(99);
  }
}
