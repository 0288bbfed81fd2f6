package io.darkscope.web.alerts;

import java.net.URI;
import java.time.Duration;

/**
 * Where alerts are POSTed: a name (in the store and the log, so the URL and any secret in it stay
 * out of them), the URL, at most {@code maxPerMinute} alerts in any minute (the rest are stored as
 * suppressed), and {@code attempts} tries, the n-th retry {@code backoff} × 2^(n-1) after the one before.
 */
public record WebhookConfig(String name, URI url, int maxPerMinute, int attempts, Duration backoff) {
}
