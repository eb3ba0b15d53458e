package org.iln.testing;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik's counterpart of {@link AwsEmulator}'s assumption: skips a property container, with the
 * reason, when LocalStack was chosen but no Docker engine is present.
 */
public final class SkipWithoutEmulator implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return AwsEmulator.unavailableReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
}
