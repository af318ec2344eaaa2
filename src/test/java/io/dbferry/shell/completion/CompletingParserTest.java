package io.dbferry.shell.completion;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;
import org.springframework.shell.jline.ExtendedDefaultParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What JLine is told about the word under the cursor: where it starts and ends in the raw line (escapes and
 * quotes included), and how a proposal is written into it; the words stay Spring Shell's.
 */
class CompletingParserTest {

    private final CompletingParser parser = new CompletingParser(new ExtendedDefaultParser());

    private CompletingParsedLine parse(String line) {
        return (CompletingParsedLine) parser.parse(line, line.length(), ParseContext.COMPLETE);
    }

    @Test
    void anEscapedSpaceStaysInTheWordAndProposalsAreEscaped() {
        CompletingParsedLine line = parse("peek Order\\ D");
        assertThat(line.words()).containsExactly("peek", "Order D");
        assertThat(line.word()).isEqualTo("Order D");
        assertThat(line.rawWordCursor()).isEqualTo("Order\\ D".length());
        assertThat(line.rawWordLength()).isEqualTo("Order\\ D".length());
        assertThat(line.escape("Order Details", true).toString()).isEqualTo("Order\\ Details");
        assertThat(line.escape("it's \"x\"", true).toString()).isEqualTo("it\\'s\\ \\\"x\\\"");
    }

    @Test
    void insideAnOpenedQuoteTheQuoteClosesOnlyWhenTheValueIsComplete() {
        CompletingParsedLine line = parse("export-records -f \"/tmp/my d");
        assertThat(line.word()).isEqualTo("/tmp/my d");
        assertThat(line.rawWordLength()).isEqualTo("\"/tmp/my d".length());
        assertThat(line.escape("/tmp/my dir/", false).toString()).isEqualTo("\"/tmp/my dir/");
        assertThat(line.escape("/tmp/my dump.json", true).toString()).isEqualTo("\"/tmp/my dump.json\"");
    }

    @Test
    void anEmptyWordStartsAtTheCursor() {
        CompletingParsedLine line = parse("export-records -f ");
        assertThat(line.rawWordCursor()).isZero();
        assertThat(line.rawWordLength()).isZero();
        assertThat(line.escape("data.json", true).toString()).isEqualTo("data.json");
    }

    @Test
    void linesThatAreRunKeepSpringShellsWords() {
        assertThat(parser.parse("peek 'Order Details' --limit 3", 0, ParseContext.ACCEPT_LINE).words())
                .containsExactly("peek", "Order Details", "--limit", "3");
    }
}
