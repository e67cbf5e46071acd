import Foundation

/// A JSON value written as Swift literals, for the OpenAPI document:
///
/// ```swift
/// let schema: OpenAPIJSON = ["type": "object", "required": ["email"]]
/// ```
indirect enum OpenAPIJSON: Sendable, Hashable, Encodable, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral
{
  case string(String)
  case integer(Int)
  case bool(Bool)
  case array([OpenAPIJSON])
  case object([String: OpenAPIJSON])

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .integer(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(arrayLiteral elements: OpenAPIJSON...) { self = .array(elements) }
  init(dictionaryLiteral elements: (String, OpenAPIJSON)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .integer(let number): try container.encode(number)
    case .bool(let flag): try container.encode(flag)
    case .array(let items): try container.encode(items)
    case .object(let members): try container.encode(members)
    }
  }

  /// The member at `key` of an object; nil otherwise.
  subscript(key: String) -> OpenAPIJSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }
}
