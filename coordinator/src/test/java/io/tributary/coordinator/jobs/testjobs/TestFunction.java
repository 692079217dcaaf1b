package io.tributary.coordinator.jobs.testjobs;

import java.io.Serializable;

/** A serializable stand-in for an operator; only the jar's class loader knows it on the coordinator. */
public record TestFunction(String role) implements Serializable {}
