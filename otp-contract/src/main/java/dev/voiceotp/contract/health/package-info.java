/**
 * What a load balancer or Kubernetes asks before sending traffic: a shared {@code kafka} health indicator for the
 * readiness group, and {@code otp.dependency.up} gauges so that alerts see a dependency go down even when no
 * request is failing.
 */
@NullMarked
package dev.voiceotp.contract.health;

import org.jspecify.annotations.NullMarked;
