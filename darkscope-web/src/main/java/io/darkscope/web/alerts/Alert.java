package io.darkscope.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An alert, as stored and as POSTed to webhooks: its stable id ({@code rule:key:day}), the rule
 * that raised it, what it is about (the key: an event's kind and key, a fingerprint, a DoS
 * victim and start, an organisation and address), the day it concerns, when it was raised, one
 * line for people, and the rule's details (the event, fingerprint day, attack or watched source
 * as the API writes them).
 */
public record Alert(String id, String rule, String key, LocalDate day, Instant raisedAt, String summary, JsonNode details) {
    /** An alert with its id made from rule, key and day: the same finding always has the same id. */
    public static Alert of(String rule, String key, LocalDate day, Instant raisedAt, String summary, JsonNode details) {
        return new Alert(rule + ":" + key + ":" + day, rule, key, day, raisedAt, summary, details);
    }
}
