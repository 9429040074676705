package org.switchboard.cases.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the case core ({@code switchboard.cases.*}).
 *
 * @param reopenWindow how long after resolution a customer's message reopens the case; later (or once
 *     closed) it opens a new, linked case
 * @param numberPrefix the prefix of readable case numbers
 */
@ConfigurationProperties("switchboard.cases")
public record CasesProperties(
        @DefaultValue("7d") Duration reopenWindow,
        @DefaultValue("SB-") String numberPrefix) {}
