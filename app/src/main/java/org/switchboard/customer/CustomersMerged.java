package org.switchboard.customer;

/** Published when {@code merged} was folded into {@code survivor}; its cases and history follow. */
public record CustomersMerged(CustomerId survivor, CustomerId merged) {}
