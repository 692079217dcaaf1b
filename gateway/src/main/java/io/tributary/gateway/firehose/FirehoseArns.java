package io.tributary.gateway.firehose;

import io.tributary.gateway.kinesis.Arns;

/** Firehose and source-stream ARNs in the gateway's region and account. Immutable. */
record FirehoseArns(Arns arns) {
  String deliveryStream(String name) {
    return "arn:aws:firehose:" + arns.region() + ":" + arns.account() + ":deliverystream/" + name;
  }

  String stream(String name) {
    return arns.stream(name);
  }
}
