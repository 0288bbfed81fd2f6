package io.darkscope.web.alerts;

import io.darkscope.darknet.Prefix;

import java.util.List;

/** A named organisation and its IPv4 networks, watched for addresses that show up as darknet sources. */
public record Organisation(String name, List<Prefix> prefixes) {
}
