package org.switchboard.cases;

/** A link from one case to another (links are symmetric; both cases list them). */
public record CaseLink(CaseId caseId, String number, LinkKind kind) {}
