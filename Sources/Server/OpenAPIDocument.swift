/// The OpenAPI 3.1 description of every route of the server: what `GET /v1/openapi.json`
/// answers. `OpenAPITests` fails when a route is added to the router without a path here,
/// or a path here has no route.
///
/// ```swift
/// let json = try JSONEncoder().encode(OpenAPIDocument.document)
/// ```
enum OpenAPIDocument {
  static let document: OpenAPIJSON = [
    "openapi": "3.1.0",
    "info": [
      "title": "crm-server",
      "version": "1",
      "description": """
      The sync server of the terminal CRM: accounts and teams, the field-level sync \
      protocol (push, pull, change events) and a read-only REST API over the team's \
      records. Errors are RFC 9457 application/problem+json.
      """,
    ],
    "servers": [["url": "/"]],
    "security": [["bearer": []]],
    "components": ["securitySchemes": securitySchemes, "schemas": schemas],
    "paths": paths,
  ]

  // MARK: Paths

  static var paths: OpenAPIJSON {
    var paths: [String: OpenAPIJSON] = [
      "/v1/health": [
        "get": operation(
          "Whether the server is up", tag: "server", public: true,
          ok: ("200", ref("Health")))
      ],
      "/v1/openapi.json": [
        "get": operation(
          "This document", tag: "server", public: true,
          ok: ("200", ["type": "object"]))
      ],
      "/v1/auth/signup": [
        "post": operation(
          "Create an account: a new team whose admin you are, or, with an invite, the "
            + "inviting team in the invite's role",
          tag: "auth", public: true, body: ref("SignupRequest"),
          ok: ("201", ref("TokenResponse")), errors: ["400", "409", "413", "429"])
      ],
      "/v1/auth/login": [
        "post": operation(
          "Log in with email and password", tag: "auth", public: true,
          body: ref("LoginRequest"), ok: ("200", ref("TokenResponse")),
          errors: ["400", "401", "403", "429"])
      ],
      "/v1/auth/refresh": [
        "post": operation(
          "Trade a refresh token (single use) for new tokens", tag: "auth", public: true,
          body: ref("RefreshRequest"), ok: ("200", ref("TokenResponse")),
          errors: ["400", "401", "429"])
      ],
      "/v1/auth/logout": [
        "post": operation(
          "Revoke a refresh token", tag: "auth", public: true, body: ref("RefreshRequest"),
          ok: ("204", nil), errors: ["400"])
      ],
      "/v1/me": [
        "get": operation("Your account", tag: "accounts", ok: ("200", ref("UserInfo"))),
        "patch": operation(
          "Change your name or password (a new password needs the current one)",
          tag: "accounts", body: ref("ProfilePatch"), ok: ("200", ref("UserInfo")),
          errors: ["400", "403"]),
      ],
      "/v1/invites": [
        "post": operation(
          "Invite an address into your team (admins)", tag: "accounts",
          body: ref("InviteRequest"), ok: ("201", ref("InviteInfo")),
          errors: ["400", "403", "409"]),
        "get": operation(
          "Your team's invites, newest first (admins)", tag: "accounts",
          ok: ("200", ["type": "array", "items": ref("InviteInfo")]), errors: ["403"]),
      ],
      "/v1/invites/{code}": [
        "delete": operation(
          "Revoke an unused invite (admins)", tag: "accounts",
          parameters: [pathParameter("code", "The invite's code")],
          ok: ("200", ref("InviteInfo")), errors: ["403", "404", "409"])
      ],
      "/v1/users": [
        "get": operation(
          "Your team's users (admins)", tag: "accounts",
          ok: ("200", ["type": "array", "items": ref("UserInfo")]), errors: ["403"])
      ],
      "/v1/users/{id}": [
        "patch": operation(
          "Change a user's role, deactivate (active: false) or reactivate them (admins); "
            + "the team's last admin stays admin",
          tag: "accounts", parameters: [pathParameter("id", "The user's id")],
          body: ref("UserPatch"), ok: ("200", ref("UserInfo")),
          errors: ["400", "403", "404", "409"])
      ],
      "/v1/sync/push": [
        "post": operation(
          "Push local mutations: each applied whole or refused whole; a retried (site, seq) "
            + "answers duplicate",
          tag: "sync", body: ref("PushRequest"), ok: ("200", ref("PushResponse")),
          errors: ["400", "413"])
      ],
      "/v1/sync/pull": [
        "get": operation(
          "The records changed after a cursor, a page of whole records at a time",
          tag: "sync",
          parameters: [
            queryParameter(
              "cursor", "The last server sequence seen (0: everything)",
              ["type": "integer", "minimum": 0, "default": 0]),
            queryParameter(
              "since",
              "Where this pull began (at most cursor; default cursor): each record comes with "
                + "every field changed after it",
              ["type": "integer", "minimum": 0]),
            queryParameter(
              "limit", "Records per page",
              ["type": "integer", "minimum": 1, "maximum": 5000, "default": 1000]),
          ],
          ok: ("200", ref("PullResponse")), errors: ["400"])
      ],
      "/v1/events": [
        "get": operation(
          "A WebSocket (upgrade) on which the server sends a ChangesEvent text frame after "
            + "each push of your team that accepted changes. The token may also come as "
            + "?token= for clients that cannot set headers",
          tag: "sync",
          parameters: [
            queryParameter("token", "The access token, if not in Authorization", ["type": "string"])
          ],
          ok: ("101", nil), errors: ["400"])
      ],
    ]
    for (path, _) in RestRoutes.collections {
      paths["/v1/\(path)"] = [
        "get": operation(
          "The team's \(path), in id (creation) order, deleted ones left out", tag: "rest",
          parameters: [
            queryParameter(
              "limit", "Records per page",
              [
                "type": "integer", "minimum": 1, "maximum": .integer(RestRoutes.maxLimit),
                "default": .integer(RestRoutes.defaultLimit),
              ]),
            queryParameter(
              "cursor", "The previous page's nextCursor", ["type": "string"]),
          ],
          ok: ("200", ref("RestPage")), errors: ["400"])
      ]
    }
    return .object(paths)
  }

  // MARK: Building blocks

  static func ref(_ name: String) -> OpenAPIJSON {
    ["$ref": .string("#/components/schemas/\(name)")]
  }

  static func pathParameter(_ name: String, _ description: String) -> OpenAPIJSON {
    [
      "name": .string(name), "in": "path", "required": true,
      "description": .string(description), "schema": ["type": "string"],
    ]
  }

  static func queryParameter(
    _ name: String, _ description: String, _ schema: OpenAPIJSON
  ) -> OpenAPIJSON {
    [
      "name": .string(name), "in": "query", "required": false,
      "description": .string(description), "schema": schema,
    ]
  }

  /// One operation: its success answer, the problems it may answer (every protected one
  /// may also answer 401 and 429; every one 500), a JSON body if it takes one.
  static func operation(
    _ summary: String, tag: String, public isPublic: Bool = false,
    parameters: [OpenAPIJSON] = [], body: OpenAPIJSON? = nil,
    ok: (status: String, schema: OpenAPIJSON?), errors: [String] = []
  ) -> OpenAPIJSON {
    var responses: [String: OpenAPIJSON] = [:]
    if let schema = ok.schema {
      responses[ok.status] = [
        "description": "Success",
        "content": ["application/json": ["schema": schema]],
      ]
    } else {
      responses[ok.status] = ["description": "Success, no body"]
    }
    var statuses = Set(errors)
    statuses.insert("500")
    statuses.insert("429")
    if !isPublic { statuses.insert("401") }
    for status in statuses {
      responses[status] = [
        "description": .string(problemDescriptions[status] ?? "Error"),
        "content": ["application/problem+json": ["schema": ref("Problem")]],
      ]
    }
    var operation: [String: OpenAPIJSON] = [
      "summary": .string(summary), "tags": [.string(tag)], "responses": .object(responses),
    ]
    if isPublic { operation["security"] = [] }
    if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
    if let body {
      operation["requestBody"] = [
        "required": true, "content": ["application/json": ["schema": body]],
      ]
    }
    return .object(operation)
  }

  static let problemDescriptions: [String: String] = [
    "400": "The request is malformed or a value was refused; field names it",
    "401": "No valid access token, or wrong credentials",
    "403": "Your role may not do this",
    "404": "No such thing in your team",
    "409": "Conflicts with what exists (an address with an account, the last admin)",
    "413": "The body is too large",
    "429": "Too many requests; Retry-After says how many seconds to wait",
    "500": "The server failed",
  ]

  static let securitySchemes: OpenAPIJSON = [
    "bearer": [
      "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
      "description": "The accessToken of a TokenResponse (HS256, 15 minutes)",
    ]
  ]
}
