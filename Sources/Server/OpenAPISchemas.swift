/// The schemas of the OpenAPI document: the wire types of `Sync/Wire.swift`, by name.
extension OpenAPIDocument {
  static func object(
    _ properties: [String: OpenAPIJSON], required: [String] = [], description: String? = nil
  ) -> OpenAPIJSON {
    var schema: [String: OpenAPIJSON] = [
      "type": "object", "properties": .object(properties),
      "required": .array(required.sorted().map { .string($0) }),
    ]
    if let description { schema["description"] = .string(description) }
    return .object(schema)
  }

  /// An object schema that allows no other members.
  static func closed(_ schema: OpenAPIJSON) -> OpenAPIJSON {
    guard case .object(var members) = schema else { return schema }
    members["additionalProperties"] = false
    return .object(members)
  }

  static let string: OpenAPIJSON = ["type": "string"]
  static let boolean: OpenAPIJSON = ["type": "boolean"]
  static let integer: OpenAPIJSON = ["type": "integer", "format": "int64"]
  static let dateTime: OpenAPIJSON = ["type": "string", "format": "date-time"]
  static let email: OpenAPIJSON = ["type": "string", "format": "email", "maxLength": 254]
  static let uuid: OpenAPIJSON = ["type": "string", "format": "uuid"]
  static let password: OpenAPIJSON = [
    "type": "string", "format": "password", "minLength": 8,
    "description": "At least 8 characters, at most 72 bytes (bcrypt's limit)",
  ]
  static let name: OpenAPIJSON = ["type": "string", "minLength": 1, "maxLength": 200]

  static var schemas: OpenAPIJSON {
    [
      "Role": ["type": "string", "enum": ["admin", "manager", "rep"]],
      "Health": object(["status": ["type": "string", "const": "ok"]], required: ["status"]),
      "Problem": object(
        [
          "type": string, "title": string, "status": ["type": "integer"], "detail": string,
          "field": ["type": "string", "description": "The request field that was wrong"],
        ], required: ["type", "title", "status"],
        description: "RFC 9457 problem details"),
      "SignupRequest": object(
        [
          "email": email, "name": name, "password": password,
          "invite": [
            "type": ["string", "null"], "description": "An invite code: join its team",
          ],
          "teamName": ["oneOf": [name, ["type": "null"]]],
        ], required: ["email", "name", "password"]),
      "LoginRequest": object(
        ["email": string, "password": string], required: ["email", "password"]),
      "RefreshRequest": object(["refreshToken": string], required: ["refreshToken"]),
      "UserInfo": object(
        [
          "id": uuid, "teamId": uuid, "email": email, "name": string, "role": ref("Role"),
          "active": boolean,
        ], required: ["id", "teamId", "email", "name", "role", "active"]),
      "TokenResponse": object(
        [
          "accessToken": string, "refreshToken": string,
          "expiresIn": ["type": "integer", "description": "Seconds the access token is valid"],
          "user": ref("UserInfo"),
        ], required: ["accessToken", "refreshToken", "expiresIn", "user"]),
      "ProfilePatch": object(
        [
          "name": ["oneOf": [name, ["type": "null"]]],
          "password": ["oneOf": [password, ["type": "null"]]],
          "currentPassword": ["type": ["string", "null"]],
        ],
        description: "Fields left out (or null) stay as they are; a password needs currentPassword"
      ),
      "InviteRequest": object(["email": email, "role": ref("Role")], required: ["email", "role"]),
      "InviteInfo": object(
        [
          "code": string, "email": email, "role": ref("Role"), "expiresAt": dateTime,
          "used": boolean, "revoked": boolean,
        ], required: ["code", "email", "role", "expiresAt", "used", "revoked"]),
      "UserPatch": object(
        [
          "role": ["oneOf": [ref("Role"), ["type": "null"]]],
          "active": ["type": ["boolean", "null"]],
        ], description: "Fields left out (or null) stay as they are"),
      "HLC": [
        "type": "string", "pattern": "^[0-9a-f]{16}-[0-9a-f]{16}$",
        "description": "A hybrid logical clock: packed millis and counter, then the site id",
      ],
      "SiteID": ["type": "string", "pattern": "^[0-9a-f]{16}$"],
      "FieldValue": [
        "description": "null, an integer, a string, {\"real\": n} or {\"blob\": base64}",
        "oneOf": [
          ["type": "null"], ["type": "integer"], ["type": "string"],
          closed(object(["real": ["type": "number"]], required: ["real"])),
          closed(
            object(["blob": ["type": "string", "contentEncoding": "base64"]], required: ["blob"])),
        ],
      ],
      "FieldChange": object(
        [
          "entity": string, "id": string, "field": string, "value": ref("FieldValue"),
          "hlc": ref("HLC"), "actor": string,
        ], required: ["entity", "id", "field", "value", "hlc"]),
      "PushMutation": object(
        [
          "seq": integer, "id": string, "label": string,
          "changes": ["type": "array", "items": ref("FieldChange")],
        ], required: ["seq", "id", "label", "changes"]),
      "PushRequest": object(
        ["site": ref("SiteID"), "mutations": ["type": "array", "items": ref("PushMutation")]],
        required: ["site", "mutations"]),
      "Refusal": object(
        ["entity": string, "id": string, "field": string, "reason": string],
        required: ["entity", "id", "reason"]),
      "PushResult": object(
        [
          "seq": integer,
          "status": ["type": "string", "enum": ["accepted", "duplicate", "refused"]],
          "reason": string, "refusals": ["type": "array", "items": ref("Refusal")],
        ], required: ["seq", "status"]),
      "PushResponse": object(
        [
          "results": ["type": "array", "items": ref("PushResult")],
          "serverClock": ref("HLC"), "latestSeq": integer,
        ], required: ["results", "serverClock", "latestSeq"]),
      "PullResponse": object(
        [
          "changes": ["type": "array", "items": ref("FieldChange")], "cursor": integer,
          "more": boolean, "serverClock": ref("HLC"),
        ], required: ["changes", "cursor", "more", "serverClock"]),
      "ChangesEvent": object(
        ["type": ["type": "string", "const": "changes"], "latestSeq": integer],
        required: ["type", "latestSeq"]),
      "RestItem": [
        "type": "object", "required": ["id"],
        "properties": ["id": uuid],
        "additionalProperties": true,
        "description": "A record's current fields, as the clients store them",
      ],
      "RestPage": object(
        [
          "items": ["type": "array", "items": ref("RestItem")],
          "nextCursor": ["type": ["string", "null"]],
        ], required: ["items", "nextCursor"]),
    ]
  }
}
