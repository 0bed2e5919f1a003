package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one call through the interceptors in order, then the transport, and checks each interceptor's
 * contract as it goes (OkHttp's {@code RealInterceptorChain}): proceed exactly once (a {@link
 * Interceptor.FollowUp}: at most its {@code maxProceeds()}, closing each response first), never return
 * {@code null}, never return without proceeding.
 */
final class InterceptorChain implements Interceptor.Chain {

  /** What one call shares between its interceptors and the transport: the deadline and what was sent. */
  static final class Call {
    private final long deadlineNanos;
    private final AtomicBoolean sendStarted = new AtomicBoolean();
    private volatile int lastStatus = -1;

    Call(Duration timeout) {
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    long deadlineNanos() {
      return deadlineNanos;
    }

    Duration remaining() {
      return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Called by the transport as soon as it starts writing a request on an open connection. */
    void markSendStarted() {
      sendStarted.set(true);
    }

    boolean sendStarted() {
      return sendStarted.get();
    }

    void markStatus(int status) {
      lastStatus = status;
    }

    int lastStatus() {
      return lastStatus;
    }
  }

  private final List<Interceptor> interceptors;
  private final Transport transport;
  private final int index;
  private final EgressRequest request;
  private final Call call;
  private int calls;
  private EgressResponse lastResponse;

  private InterceptorChain(List<Interceptor> interceptors, Transport transport, int index, EgressRequest request, Call call) {
    this.interceptors = interceptors;
    this.transport = transport;
    this.index = index;
    this.request = request;
    this.call = call;
  }

  /** Runs {@code request} through {@code interceptors} and {@code transport}; the call's deadline starts now. */
  static EgressResponse run(List<Interceptor> interceptors, Transport transport, EgressRequest request) throws IOException {
    requireNonNull(request, "request is null");
    Call call = new Call(request.timeout());
    return new InterceptorChain(List.copyOf(interceptors), requireNonNull(transport, "transport is null"), -1, request, call)
        .proceed(request);
  }

  @Override
  public EgressRequest request() {
    return request;
  }

  @Override
  public Duration remaining() {
    return call.remaining();
  }

  @Override
  public boolean sendStarted() {
    return call.sendStarted();
  }

  @Override
  public int lastStatus() {
    return call.lastStatus();
  }

  @Override
  public EgressResponse proceed(EgressRequest next) throws IOException {
    requireNonNull(next, "request is null");
    calls++;
    if (index >= 0) {
      checkCaller(interceptors.get(index));
    }
    EgressResponse response;
    int nextIndex = index + 1;
    if (nextIndex == interceptors.size()) {
      response = transport.send(next, call);
      if (response == null) {
        throw new IllegalStateException("transport returned null");
      }
    } else {
      Interceptor interceptor = interceptors.get(nextIndex);
      InterceptorChain downstream = new InterceptorChain(interceptors, transport, nextIndex, next, call);
      response = interceptor.intercept(downstream);
      if (response == null) {
        throw new IllegalStateException("interceptor " + interceptor + " returned null");
      }
      if (downstream.calls == 0) {
        response.close();
        throw new IllegalStateException("interceptor " + interceptor + " returned a response without calling proceed()");
      }
    }
    lastResponse = response;
    return response;
  }

  /** The interceptor that owns this chain object calls proceed: may it? */
  private void checkCaller(Interceptor caller) {
    if (caller instanceof Interceptor.FollowUp followUp) {
      if (calls > followUp.maxProceeds()) {
        throw new IllegalStateException(
            "interceptor " + caller + " called proceed() more than " + followUp.maxProceeds() + " times");
      }
      if (lastResponse != null && !lastResponse.isClosed()) {
        lastResponse.close();
        throw new IllegalStateException("interceptor " + caller + " must close the previous response before calling proceed() again");
      }
    } else if (calls > 1) {
      if (lastResponse != null) {
        lastResponse.close();
      }
      throw new IllegalStateException("interceptor " + caller + " must call proceed() exactly once");
    }
  }
}
