package org.handoffbrief.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Salesforce org on loopback speaking the Partner SOAP API and the OAuth token endpoint in their
 * own wire formats: sign-in by the JWT bearer flow, a refresh token or a SOAP {@code login}; then
 * {@code query} and {@code queryMore}, the describes, and {@code upsert}, {@code create} and
 * {@code update}, kept in memory and checked as a real org checks them (types, field names,
 * lengths, lookups, required and read-only fields, unique external ids). A call without the session
 * it issued gets {@code INVALID_SESSION_ID}; a wrong credential, the token endpoint's
 * {@code invalid_grant} or {@code INVALID_LOGIN}.
 *
 * <p>Seed it with data: its metadata ({@link #metadata(SObjectType...)}; the standard objects are
 * there from the start), records ({@link #sobject}, {@link #user}), and answers to the queries your
 * code makes that are more than a simple {@code SELECT ... FROM ... WHERE field = 'value'}
 * ({@link #answerQuery(Predicate, Function, int)}, paged with {@code queryMore} as the API pages). A
 * test of a write-back route then reads what was written:
 *
 * <pre>{@code
 * try (FakeSalesforce org = FakeSalesforce.start().deployWriteback()) {
 *   String opportunity = org.sobject("Opportunity", Map.of("Name", "Renewal", "StageName", "Closed Won",
 *       "CloseDate", "2026-03-27"));
 *   // sign in with org.loginUrl(), org.clientId(), org.username(), org.privateKey(); run the route
 *   assertEquals(1, org.records("Task").size());
 * }
 * }</pre>
 *
 * <p>Faults: {@link #faultOn} for a SOAP fault on the Nth call of an operation, {@link #refuse} for
 * one record's error, {@link #inject} for anything else.
 */
public final class FakeSalesforce extends FakeVendor {
  /** The Partner API version the fake reports in its endpoint URLs; it answers any version. */
  public static final String API_VERSION = "65.0";

  private static final String SOAP_PATH = "/services/Soap/u/[0-9]+\\.[0-9]+(/.*)?";
  private static final String TOKEN_PATH = "/services/oauth2/token";
  private static final String JSON_TYPE = "application/json;charset=UTF-8";
  private static final String PASSWORD = "test-password-not-a-secret";
  private static final String SECURITY_TOKEN = "test-token-not-a-secret";
  private static final String REFRESH_TOKEN = "test-refresh-token-not-a-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair keys;
  private final SalesforceOrg org;
  private volatile String username = "integration@example.com";
  private volatile String clientId = "test-client-id-not-a-secret";
  private volatile String organizationId = SalesforceOrg.id18("00DHs0000000FKE");
  private volatile String integrationUserId = SalesforceOrg.id18("005Hs0000000FKE");

  private FakeSalesforce(WireMockServer server, KeyPair keys) {
    super(server);
    this.keys = keys;
    this.org = new SalesforceOrg("", "");
    org.login(this::login);
    signedInAs(organizationId, integrationUserId);
  }

  /**
   * Starts an org with the standard objects and no records on 127.0.0.1 on a free port, with a key
   * pair for the JWT bearer flow made for it (no key is ever written anywhere).
   */
  public static FakeSalesforce start() {
    KeyPair keys;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot make an RSA key pair", e);
    }
    var self = new AtomicReference<FakeSalesforce>();
    var fake = new FakeSalesforce(Answering.start(request -> self.get().answer(request)), keys);
    self.set(fake);
    return fake;
  }

  // ---- where it listens and whom it lets in ----

  /** Where a client signs in: stands in for {@code https://login.salesforce.com}, and is the instance too. */
  public URI loginUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The Partner API's SOAP endpoint, as a login answers it. */
  public String soapEndpoint() {
    return loginUrl() + "/services/Soap/u/" + API_VERSION + "/" + organizationId;
  }

  /** The org's 18-character id. */
  public String organizationId() {
    return organizationId;
  }

  /** Makes the org's id {@code id} (18 characters); the session changes with it. */
  public FakeSalesforce organizationId(String id) {
    Objects.requireNonNull(id, "id == null");
    signedInAs(id, integrationUserId);
    return this;
  }

  /** The user every sign-in is: what owns the records a write names no owner for. */
  public String integrationUserId() {
    return integrationUserId;
  }

  /** Makes the integration user {@code userId}; seed that User with {@link #user} for lookups to find it. */
  public FakeSalesforce integrationUserId(String userId) {
    Objects.requireNonNull(userId, "userId == null");
    signedInAs(organizationId, userId);
    return this;
  }

  /** The integration user's username, the JWT's subject and the SOAP login's username. */
  public String username() {
    return username;
  }

  /** Accepts {@code username} at sign-in instead of the default. */
  public FakeSalesforce username(String username) {
    this.username = Objects.requireNonNull(username, "username == null");
    return this;
  }

  /** The connected app's consumer key the JWT must name as its issuer (not a secret in that flow). */
  public String clientId() {
    return clientId;
  }

  /** Accepts JWTs issued by connected app {@code clientId} instead of the default. */
  public FakeSalesforce clientId(String clientId) {
    this.clientId = Objects.requireNonNull(clientId, "clientId == null");
    return this;
  }

  /** The private key whose public half the connected app holds: a JWT signed with it is accepted. */
  public PrivateKey privateKey() {
    return keys.getPrivate();
  }

  /** The password a SOAP login is accepted with, followed by {@link #securityToken()}. */
  public String password() {
    return PASSWORD;
  }

  /** The security token a SOAP login appends to {@link #password()}. */
  public String securityToken() {
    return SECURITY_TOKEN;
  }

  /** The refresh token the token endpoint accepts from {@link #clientId()}. */
  public String refreshToken() {
    return REFRESH_TOKEN;
  }

  /** The session every sign-in issues: what a Partner API client puts in its {@code SessionHeader}. */
  public String sessionId() {
    return organizationId.substring(0, 15) + "!test-session-not-a-secret";
  }

  // ---- what it holds ----

  /** Declares {@code types}, each in place of any type of the same name: custom objects, or changed standard ones. */
  public FakeSalesforce metadata(SObjectType... types) {
    for (SObjectType t : types) {
      org.metadata(t);
    }
    return this;
  }

  /** Declares {@code types}, as {@link #metadata(SObjectType...)}. */
  public FakeSalesforce metadata(List<SObjectType> types) {
    return metadata(types.toArray(SObjectType[]::new));
  }

  /** Every type the org has, by API name, in {@code describeGlobal}'s order. */
  public Map<String, SObjectType> metadata() {
    return org.metadata();
  }

  /**
   * The type named {@code type}.
   *
   * @throws IllegalArgumentException when the org has no such type
   */
  public SObjectType metadata(String type) {
    SObjectType found = org.metadata().get(type);
    if (found == null) {
      throw new IllegalArgumentException("the fake org has no sObject type " + type);
    }
    return found;
  }

  /** Removes type {@code type}: an org where it is not deployed, or the user cannot see it. */
  public FakeSalesforce removeMetadata(String type) {
    org.removeMetadata(type);
    return this;
  }

  /** Deploys what {@code salesforce-writeback/force-app} deploys ({@link SObjectType#writebackObjects()}). */
  public FakeSalesforce deployWriteback() {
    return metadata(SObjectType.withWritebackKey(metadata("Task"))).metadata(SObjectType.writebackObjects());
  }

  /**
   * Puts a record of {@code type} in the org as it stands, unchecked (the data a test starts from)
   * and answers its id: {@code fields}' {@code Id}, or a new one.
   */
  public String sobject(String type, Map<String, String> fields) {
    return org.seed(type, new LinkedHashMap<>(fields));
  }

  /** Puts an active user in the org: what a lookup of users by name finds. */
  public FakeSalesforce user(String id, String name, String email) {
    sobject("User", Map.of("Id", id, "Name", name, "Email", email, "IsActive", "true"));
    return this;
  }

  /** The records of sObject {@code type} (e.g. {@code Task}) now, fields by API name, in write order. */
  public List<Map<String, String>> records(String type) {
    return org.records(type);
  }

  /** Every record of {@code type} a write call sent, as sent (set fields only), refused ones included. */
  public List<Map<String, String>> sent(String type) {
    return org.sent(type);
  }

  /** How many times a SOAP operation reached the org with a valid session, e.g. {@code upsert}. */
  public int calls(String operation) {
    return org.calls(operation);
  }

  /** Every SOQL query the org received, in order. */
  public List<String> queries() {
    return org.queries();
  }

  /** Keeps what is written in {@code file} (JSON), read now when it exists: a second run meets the first's records. */
  public FakeSalesforce keepStateIn(Path file) {
    org.keepStateIn(Objects.requireNonNull(file, "file == null"));
    return this;
  }

  // ---- answers to the queries the org cannot answer from its records ----

  /**
   * Answers queries whose SOQL {@code soql} accepts with {@code envelope} as it is: a whole SOAP
   * {@code queryResponse}, e.g. one captured from a real org. Answers are tried in the order
   * given, after the org's own answer to a simple query on a type it declares.
   */
  public FakeSalesforce answerQuery(Predicate<String> soql, String envelope) {
    org.answer(soql, envelope);
    return this;
  }

  /**
   * Answers queries whose SOQL {@code soql} accepts with the {@code <records>} elements
   * {@code records} gives for it, in the Partner API's form, in one page.
   */
  public FakeSalesforce answerQuery(Predicate<String> soql, Function<String, List<String>> records) {
    return answerQuery(soql, records, Integer.MAX_VALUE);
  }

  /**
   * Answers as {@link #answerQuery(Predicate, Function)} does, {@code pageSize} records a page: the
   * rest follow by {@code queryMore}, as a real org pages a large result.
   */
  public FakeSalesforce answerQuery(Predicate<String> soql, Function<String, List<String>> records, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize < 1: " + pageSize);
    }
    org.answer(soql, records, pageSize);
    return this;
  }

  /** Answers {@code queryMore} of {@code locator} (named in an envelope given to {@link #answerQuery}) with {@code envelope}. */
  public FakeSalesforce answerQueryMore(String locator, String envelope) {
    org.answerQueryMore(locator, envelope);
    return this;
  }

  // ---- faults ----

  /**
   * Answers call number {@code call} (from 1) of {@code operation} (e.g. {@code upsert}) with the
   * SOAP fault {@code exceptionCode}, e.g. {@code REQUEST_LIMIT_EXCEEDED}; the calls around it are
   * answered as usual.
   */
  public FakeSalesforce faultOn(String operation, int call, String exceptionCode, String message) {
    org.faultOn(operation, call, exceptionCode, message);
    return this;
  }

  /**
   * Refuses every record written whose fields (as sent) {@code record} accepts, with the
   * per-record error {@code statusCode} naming {@code fields}: what a validation rule or trigger does.
   */
  public FakeSalesforce refuse(Predicate<Map<String, String>> record, String statusCode, String message,
      String... fields) {
    org.refuse(record, statusCode, message, fields);
    return this;
  }

  /** Stops refusing records. */
  public FakeSalesforce clearRefusals() {
    org.clearRefusals();
    return this;
  }

  @Override
  public String toString() {
    return "FakeSalesforce[" + loginUrl() + "]";
  }

  /** Routes {@code request} to the token endpoint or the SOAP endpoint; any other path is not found. */
  private ResponseDefinition answer(Request request) {
    String path = URI.create(request.getUrl()).getRawPath();
    if (path.equals(TOKEN_PATH) && request.getMethod().equals(RequestMethod.POST)) {
      return token(form(request.getBodyAsString()));
    }
    if (path.matches(SOAP_PATH)) {
      return org.answer(request.getBodyAsString());
    }
    return Answering.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
  }

  // ---- sign-in ----

  private void signedInAs(String organization, String user) {
    this.organizationId = organization;
    this.integrationUserId = user;
    org.session(sessionId());
    org.integrationUser(user);
  }

  /** The SOAP login's answer, or null when the username or password is not the one accepted. */
  private String login(Element call) {
    String user = childText(call, "username");
    String password = childText(call, "password");
    if (!username.equals(user) || !(PASSWORD + SECURITY_TOKEN).equals(password)) {
      return null;
    }
    String base = loginUrl().toString();
    return """
        <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope \
        xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><loginResponse><result>\
        <metadataServerUrl>%1$s/services/Soap/m/%2$s/%3$s</metadataServerUrl>\
        <passwordExpired>false</passwordExpired><sandbox>false</sandbox>\
        <serverUrl>%1$s/services/Soap/u/%2$s/%3$s</serverUrl><sessionId>%4$s</sessionId><userId>%5$s</userId>\
        <userInfo><organizationId>%6$s</organizationId><sessionSecondsValid>7200</sessionSecondsValid>\
        <userEmail>%7$s</userEmail><userId>%5$s</userId><userName>%7$s</userName></userInfo>\
        </result></loginResponse></soapenv:Body></soapenv:Envelope>"""
        .formatted(base, API_VERSION, organizationId.substring(0, 15), sessionId(), integrationUserId,
            organizationId, SalesforceOrg.esc(username));
  }

  private static String childText(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        return e.getTextContent();
      }
    }
    return null;
  }

  /** The token endpoint's answer to {@code form}: a token for a good grant, {@code invalid_grant} otherwise. */
  private ResponseDefinition token(Map<String, String> form) {
    String grant = String.valueOf(form.get("grant_type"));
    boolean good = switch (grant) {
      case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> isValidJwt(form.get("assertion"));
      case "refresh_token" -> REFRESH_TOKEN.equals(form.get("refresh_token")) && clientId.equals(form.get("client_id"));
      default -> false;
    };
    if (!good) {
      String description = grant.equals("refresh_token") ? "expired access/refresh token" : "invalid assertion";
      return Answering.answer(400, JSON_TYPE,
          "{\"error\":\"invalid_grant\",\"error_description\":\"" + description + "\"}");
    }
    String base = loginUrl().toString();
    var token = JSON.createObjectNode().put("access_token", sessionId())
        .put("signature", "dGVzdC1zaWduYXR1cmUtbm90LWEtc2VjcmV0").put("scope", "api").put("instance_url", base)
        .put("id", base + "/id/" + organizationId + "/" + integrationUserId).put("token_type", "Bearer")
        .put("issued_at", String.valueOf(Instant.now().toEpochMilli()));
    return Answering.answer(200, JSON_TYPE, token.toString());
  }

  /** What Salesforce checks of a JWT bearer grant: the signature, the issuer, the subject, the expiry. */
  private boolean isValidJwt(String assertion) {
    if (assertion == null) {
      return false;
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return false;
    }
    try {
      var verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return clientId.equals(claims.path("iss").asText()) && username.equals(claims.path("sub").asText())
          && claims.path("exp").asLong() > Instant.now().getEpochSecond();
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, String> form(String body) {
    var out = new HashMap<String, String>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

}
