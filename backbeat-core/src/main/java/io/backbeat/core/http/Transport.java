package io.backbeat.core.http;

import java.io.IOException;

/** The end of the chain: sends one request, already checked and pinned, and returns the response head. */
@FunctionalInterface
interface Transport {
  EgressResponse send(EgressRequest request, InterceptorChain.Call call) throws IOException;
}
