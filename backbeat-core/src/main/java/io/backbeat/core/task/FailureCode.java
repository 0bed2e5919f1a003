package io.backbeat.core.task;

/**
 * Why a task failed, in the core's words. Stored in {@code task.error_code}; each dialect maps it to
 * its own status and numeric code (Suno {@code GENERATE_AUDIO_FAILED}/501, DashScope
 * {@code InternalError}, …).
 */
public enum FailureCode {
  /** The provider could not produce the output. */
  GENERATION_FAILED,
  /** A content policy blocked the input or the output. */
  SENSITIVE_CONTENT,
  /** A source file (uploadUrl, parent audio) could not be fetched. */
  DOWNLOAD_FAILED,
  /** The input was accepted but turned out unusable (e.g. an audio file that does not decode). */
  INVALID_INPUT,
  /** The input was accepted but is over a limit once fetched (an upload longer or larger than allowed). */
  INPUT_TOO_LARGE,
  /** The work exceeded its deadline or its attempts. */
  TIMEOUT,
  /** An unexpected error inside Backbeat. */
  INTERNAL
}
