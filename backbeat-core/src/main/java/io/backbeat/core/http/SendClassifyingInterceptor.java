package io.backbeat.core.http;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * Guarantees that every failure leaving the chain is an {@link EgressException} with a {@link
 * SendClassification}. Our own interceptors and the transport classify where the facts are; this
 * catches whatever else an interceptor throws (a provider's own signing step failing, say) and
 * classifies it from what the transport recorded for this call: nothing sent yet → {@code NOT_SENT},
 * otherwise {@code SENT_NO_RESPONSE}, never more optimistic than the facts.
 */
public final class SendClassifyingInterceptor implements Interceptor {
  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest request = chain.request();
    try {
      return chain.proceed(request);
    } catch (EgressException e) {
      throw e;
    } catch (IOException e) {
      throw classify(e, request, chain.sendStarted(), chain.lastStatus());
    }
  }

  static EgressException classify(IOException e, EgressRequest request, boolean sendStarted, int status) {
    SendClassification classification = sendStarted ? SendClassification.SENT_NO_RESPONSE : SendClassification.NOT_SENT;
    String where = Redaction.url(request.url());
    // a foreign message may hold anything (a token, a header); only its type goes into ours
    if (e instanceof SocketTimeoutException) {
      return new EgressTimeoutException(
          request.field() + " timed out (" + where + "): " + e.getClass().getSimpleName(), e, classification, request.method(), status);
    }
    return new EgressNetworkException(
        request.field() + " call failed (" + where + "): " + e.getClass().getSimpleName(), e, classification, request.method(), status);
  }

  @Override
  public String toString() {
    return "SendClassifyingInterceptor";
  }
}
