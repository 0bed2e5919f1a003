package io.backbeat.core.account;

/** Who is calling: the account and the key it used. */
public record Principal(String accountId, String apiKeyId) {}
