package io.backbeat.core.account;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.store.Transactor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates accounts and keys and authenticates bearer tokens.
 *
 * <p>A key that authenticated is remembered for {@link #KEY_CACHE_TTL}: every API request
 * authenticates, and a poll is otherwise little more than this lookup. It is remembered by the
 * token itself, so a request within the TTL computes no SHA-256 (compared in constant time, and
 * dropped from memory once expired, so a token's plaintext outlives its use by about a TTL).
 * Revocations made in this process take effect at once ({@link #forgetKey}); those made by another
 * process or node (the {@code keys} command, another server on the same PostgreSQL) within the TTL.
 * Unknown keys are never remembered, so a new key works at once.
 */
public final class AccountService {
  /** How long a key that authenticated is trusted without asking the database again. */
  public static final Duration KEY_CACHE_TTL = Duration.ofSeconds(2);

  /** Past this many remembered keys the memory is emptied (a bound, not an eviction policy). */
  static final int KEY_CACHE_MAX = 10_000;

  private final Transactor transactor;
  private final InstantSource clock;
  private final ConcurrentHashMap<Token, Remembered> keysByToken = new ConcurrentHashMap<>();
  /** When expired entries were last dropped (epoch ms, the clock's). */
  private volatile long sweptAt;

  private record Remembered(Principal principal, long untilMillis) {}

  /**
   * A bearer token as a map key. Its equality is constant-time: a lookup that lands on a remembered
   * token's bucket must not tell, by its timing, how much of that token a guess got right.
   */
  private static final class Token {
    private final String value;
    private final int hash;

    Token(String value) {
      this.value = value;
      this.hash = value.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Token token) || token.value.length() != value.length()) {
        return false; // lengths of API keys are public (one format)
      }
      int diff = 0;
      for (int i = 0; i < value.length(); i++) {
        diff |= value.charAt(i) ^ token.value.charAt(i);
      }
      return diff == 0;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  public AccountService(Transactor transactor, InstantSource clock) {
    this.transactor = requireNonNull(transactor, "transactor is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A new account with its first key. The plaintext key is in the result and nowhere else. */
  public CreatedKey createAccount(String name, boolean development) {
    requireNonNull(name, "name is null");
    return transactor.inTransaction(
        tx -> {
          if (tx.accounts().findAccountByName(name).isPresent()) {
            throw new IllegalArgumentException("an account named '" + name + "' already exists");
          }
          Account account =
              new Account(Secrets.newId("acct_"), name, Secrets.newWebhookSecret(), clock.instant());
          tx.accounts().insertAccount(account);
          return newKey(tx.accounts(), account, "default", development);
        });
  }

  /** Adds a key to an existing account. */
  public CreatedKey addKey(String accountId, String keyName) {
    return transactor.inTransaction(
        tx -> {
          Account account =
              tx.accounts()
                  .findAccount(accountId)
                  .orElseThrow(() -> new IllegalArgumentException("no account with id '" + accountId + "'"));
          return newKey(tx.accounts(), account, keyName, false);
        });
  }

  public Optional<Principal> authenticate(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return Optional.empty();
    }
    Token token = new Token(bearerToken.strip());
    long now = clock.millis();
    Remembered remembered = keysByToken.get(token);
    if (remembered != null && now < remembered.untilMillis()) {
      return Optional.of(remembered.principal());
    }
    String hash = Secrets.hashApiKey(token.value);
    Optional<Principal> principal =
        transactor.read(tx -> tx.accounts().findKeyByHash(hash)).map(key -> new Principal(key.accountId(), key.id()));
    dropExpired(now);
    if (principal.isPresent()) {
      if (keysByToken.size() >= KEY_CACHE_MAX) {
        keysByToken.clear();
      }
      keysByToken.put(token, new Remembered(principal.get(), now + KEY_CACHE_TTL.toMillis()));
    } else {
      keysByToken.remove(token);
    }
    return principal;
  }

  /** At most once a TTL, on a miss (which reads the database anyway): forgets keys not used for a TTL. */
  private void dropExpired(long now) {
    if (now - sweptAt < KEY_CACHE_TTL.toMillis()) {
      return;
    }
    sweptAt = now;
    keysByToken.values().removeIf(r -> now >= r.untilMillis());
  }

  /** Stops trusting a remembered key at once; call it when this process revokes the key {@code keyId}. */
  public void forgetKey(String keyId) {
    keysByToken.values().removeIf(r -> r.principal().apiKeyId().equals(keyId));
  }

  /** How many keys are remembered (tests). */
  int rememberedKeys() {
    return keysByToken.size();
  }

  /**
   * Issues an access key and its signing secret for the API key {@code apiKeyId} of {@code accountId}
   * (clients that sign their own tokens, like Kling's). The secret is in the result; it is stored
   * only so that signatures can be verified, and shown to no one again.
   */
  public AccessKey addAccessKey(String accountId, String apiKeyId) {
    AccessKey key = new AccessKey(Secrets.newAccessKey(), Secrets.newAccessSecret(), accountId, apiKeyId, clock.instant());
    transactor.useTransaction(tx -> tx.accessKeys().insert(key));
    return key;
  }

  /** The live access key {@code accessKey} (its API key not revoked). */
  public Optional<AccessKey> accessKey(String accessKey) {
    if (accessKey == null || accessKey.isBlank()) {
      return Optional.empty();
    }
    return transactor.read(tx -> tx.accessKeys().findLive(accessKey)); // every Kling-signed request: a read, never the write lock
  }

  /** The account's live keys, oldest first (for listings: name, prefix, creation time). */
  public List<ApiKey> liveKeys(String accountId) {
    return transactor.inTransaction(tx -> tx.accounts().liveKeys(accountId));
  }

  public Optional<Account> account(String accountId) {
    return transactor.inTransaction(tx -> tx.accounts().findAccount(accountId));
  }

  /**
   * Replaces the account's webhook secret. The old one keeps signing (as a second signature) for
   * {@code overlap}, so receivers can switch without dropping a callback. Returns the new secret.
   */
  public String rotateWebhookSecret(String accountId, java.time.Duration overlap) {
    String secret = Secrets.newWebhookSecret();
    transactor.useTransaction(tx -> tx.accounts().rotateWebhookSecret(accountId, secret, clock.instant().plus(overlap)));
    return secret;
  }

  public Optional<WebhookSecrets> webhookSecrets(String accountId) {
    return transactor.inTransaction(tx -> tx.accounts().webhookSecrets(accountId));
  }

  public boolean hasAccounts() {
    return transactor.inTransaction(tx -> tx.accounts().countAccounts() > 0);
  }

  private CreatedKey newKey(io.backbeat.core.store.AccountStore accounts, Account account, String keyName, boolean dev) {
    String plaintext = Secrets.newApiKey(dev);
    ApiKey key =
        new ApiKey(
            Secrets.newId("key_"),
            account.id(),
            keyName,
            Secrets.displayPrefix(plaintext),
            Secrets.hashApiKey(plaintext),
            clock.instant());
    accounts.insertKey(key);
    return new CreatedKey(account, key, plaintext);
  }

  /** The result of creating a key: the only place its plaintext exists. */
  public record CreatedKey(Account account, ApiKey key, String plaintext) {
    @Override
    public String toString() {
      return "CreatedKey[account=" + account.id() + ", key=" + key.id() + "]";
    }
  }
}
