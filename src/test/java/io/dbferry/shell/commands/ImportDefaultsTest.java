package io.dbferry.shell.commands;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** DBFERRY_BULK: the fast path stays on unless the switch says off or false. */
class ImportDefaultsTest {

    @Test
    void onlyOffOrFalseTurnTheFastPathOff() {
        assertThat(ImportDefaults.bulk(null)).isTrue();
        assertThat(ImportDefaults.bulk("on")).isTrue();
        assertThat(ImportDefaults.bulk("1")).isTrue();
        assertThat(ImportDefaults.bulk("off")).isFalse();
        assertThat(ImportDefaults.bulk("OFF")).isFalse();
        assertThat(ImportDefaults.bulk("false")).isFalse();
    }
}
