import Foundation

/// A named set of CSV column overrides (`"Header=field"`, `"Header=ignore"`), saved by
/// `crm import csv --save-map NAME` and used again with `--mapping NAME`.
public struct SavedMapping: Sendable, Equatable {
  public var name: String
  /// The overrides in the order they were given, one per header.
  public var pairs: [Pair]

  public struct Pair: Sendable, Equatable {
    public var header: String
    public var field: String

    public init(header: String, field: String) {
      self.header = header
      self.field = field
    }

    /// "Header=field", as `--map` takes it.
    public var spec: String { "\(header)=\(field)" }
  }

  public init(name: String, pairs: [Pair]) {
    self.name = name
    self.pairs = pairs
  }

  /// `--map` specs in order, each header once: a later spec for a header replaces the
  /// earlier one (and takes its place at the end). Throws on a spec that is not
  /// "Header=field" or names no field.
  public static func pairs(_ specs: [String]) throws(MappingError) -> [Pair] {
    var pairs: [Pair] = []
    for spec in specs {
      guard let equals = spec.lastIndex(of: "=") else {
        throw MappingError(message: "--map: \"\(spec)\" is not \"Header=field\"")
      }
      let header = spec[..<equals].trimmingCharacters(in: .whitespaces)
      let field = spec[spec.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      guard !header.isEmpty else {
        throw MappingError(message: "--map: \"\(spec)\" is not \"Header=field\"")
      }
      guard let reason = problem(header: header, field: field) else {
        pairs.removeAll { $0.header == header }
        pairs.append(Pair(header: header, field: field))
        continue
      }
      throw MappingError(message: "--map: \"\(spec)\": \(reason)")
    }
    return pairs
  }

  /// What is wrong with a pair, or nil: an unknown field, a header with a line end.
  static func problem(header: String, field: String) -> String? {
    if header.contains(where: \.isNewline) { return "the header has a line end" }
    if field.lowercased() == "ignore" || ContactField(named: field) != nil { return nil }
    return "unknown field \"\(field)\" (fields: "
      + ContactField.allCases.map(\.rawValue).joined(separator: ", ") + ", ignore)"
  }
}

/// Why a saved mapping cannot be named, read, written or deleted: one line naming it.
public struct SavedMappingError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// The saved mappings: one small text file per mapping, `NAME.map`, in a folder
/// (`$XDG_CONFIG_HOME/crm/mappings`, else `~/.config/crm/mappings`). Each file holds one
/// `Header=field` per line (the last `=` splits, as in `--map`; blank lines are skipped), so a
/// file can be written by hand too. A save writes a temporary file beside the target and renames it
/// over, so a reader never sees half a mapping.
public struct SavedMappings: Sendable {
  public let directory: URL

  public init(directory: URL) {
    self.directory = directory
  }

  /// `$XDG_CONFIG_HOME/crm/mappings`, else `$HOME/.config/crm/mappings`.
  public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> SavedMappings
  {
    let base =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
    return SavedMappings(
      directory: URL(fileURLWithPath: base).appendingPathComponent("crm/mappings"))
  }

  static let fileExtension = "map"

  /// Letters, digits, `-`, `_` and `.`, at most 64, not starting with `.`.
  public static func check(name: String) throws(SavedMappingError) {
    let allowed = name.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
    guard !name.isEmpty, name.utf8.count <= 64, allowed, !name.hasPrefix(".") else {
      throw SavedMappingError(
        "\"\(name)\" is not a mapping name (letters, digits, - _ and ., at most 64, "
          + "not starting with .)")
    }
  }

  public func url(name: String) -> URL {
    directory.appendingPathComponent("\(name).\(Self.fileExtension)")
  }

  /// The names of the saved mappings, sorted.
  public func names() throws(SavedMappingError) -> [String] {
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
        return []
      }
      throw SavedMappingError("cannot read \(directory.path): \(Self.reason(error))")
    }
    let suffix = "." + Self.fileExtension
    return entries.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }
      .map { String($0.dropLast(suffix.count)) }
      .filter { (try? Self.check(name: $0)) != nil }
      .sorted()
  }

  /// Every saved mapping, by name; the first that cannot be read throws.
  public func all() throws(SavedMappingError) -> [SavedMapping] {
    var mappings: [SavedMapping] = []
    for name in try names() { mappings.append(try load(name)) }
    return mappings
  }

  /// The mapping called `name`. Throws, naming it, when there is none, when its file cannot be
  /// read or is not UTF-8, or when a line is not `Header=field` with a known field.
  public func load(_ name: String) throws(SavedMappingError) -> SavedMapping {
    try Self.check(name: name)
    let file = url(name: name)
    let data: Data
    do {
      data = try Data(contentsOf: file)
    } catch {
      guard FileManager.default.fileExists(atPath: file.path) else {
        let saved = (try? names()) ?? []
        throw SavedMappingError(
          "no saved mapping \"\(name)\""
            + (saved.isEmpty ? " (none saved)" : " (saved: \(saved.joined(separator: ", ")))"))
      }
      throw SavedMappingError(
        "mapping \"\(name)\": cannot read \(file.path): \(Self.reason(error))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SavedMappingError("mapping \"\(name)\" (\(file.path)) is not UTF-8 text")
    }
    var pairs: [SavedMapping.Pair] = []
    for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      func corrupt(_ reason: String) -> SavedMappingError {
        SavedMappingError("mapping \"\(name)\" (\(file.path)) line \(index + 1): \(reason)")
      }
      guard let equals = line.lastIndex(of: "=") else {
        throw corrupt("\"\(line)\" is not \"Header=field\"")
      }
      let header = line[..<equals].trimmingCharacters(in: .whitespaces)
      let field = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      guard !header.isEmpty else { throw corrupt("\"\(line)\" is not \"Header=field\"") }
      if let reason = SavedMapping.problem(header: header, field: field) {
        throw corrupt("\"\(line)\": \(reason)")
      }
      pairs.removeAll { $0.header == header }
      pairs.append(SavedMapping.Pair(header: header, field: field))
    }
    guard !pairs.isEmpty else {
      throw SavedMappingError("mapping \"\(name)\" (\(file.path)) has no Header=field line")
    }
    return SavedMapping(name: name, pairs: pairs)
  }

  /// Writes the mapping, replacing one of the same name; returns whether one was replaced.
  @discardableResult
  public func save(_ mapping: SavedMapping) throws(SavedMappingError) -> Bool {
    try Self.check(name: mapping.name)
    guard !mapping.pairs.isEmpty else {
      throw SavedMappingError("mapping \"\(mapping.name)\": nothing to save")
    }
    for pair in mapping.pairs {
      if let reason = SavedMapping.problem(header: pair.header, field: pair.field) {
        throw SavedMappingError("mapping \"\(mapping.name)\": \"\(pair.spec)\": \(reason)")
      }
    }
    let target = url(name: mapping.name)
    let replaced = FileManager.default.fileExists(atPath: target.path)
    let text = mapping.pairs.map { $0.spec + "\n" }.joined()
    let temporary = directory.appendingPathComponent(
      ".\(mapping.name).\(UUID().uuidString).tmp")
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let handle = try FileHandle(forWritingTo: createFile(temporary))
      try handle.write(contentsOf: Data(text.utf8))
      try handle.synchronize()
      try handle.close()
      guard rename(temporary.path, target.path) == 0 else {
        throw SavedMappingError(
          "cannot save mapping \"\(mapping.name)\" to \(target.path): "
            + String(cString: strerror(errno)))
      }
    } catch let error as SavedMappingError {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw SavedMappingError(
        "cannot save mapping \"\(mapping.name)\" to \(target.path): \(Self.reason(error))")
    }
    return replaced
  }

  /// Removes the mapping called `name`; throws, naming it, when there is none.
  public func delete(_ name: String) throws(SavedMappingError) {
    try Self.check(name: name)
    let file = url(name: name)
    guard FileManager.default.fileExists(atPath: file.path) else {
      let saved = (try? names()) ?? []
      throw SavedMappingError(
        "no saved mapping \"\(name)\""
          + (saved.isEmpty ? " (none saved)" : " (saved: \(saved.joined(separator: ", ")))"))
    }
    do {
      try FileManager.default.removeItem(at: file)
    } catch {
      throw SavedMappingError("cannot delete mapping \"\(name)\": \(Self.reason(error))")
    }
  }

  private func createFile(_ url: URL) throws -> URL {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw SavedMappingError("cannot write \(url.path)")
    }
    return url
  }

  /// An error's words without Foundation's domain and code.
  private static func reason(_ error: any Error) -> String {
    if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      posix.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(posix.code)))
    }
    return error.localizedDescription
  }
}
