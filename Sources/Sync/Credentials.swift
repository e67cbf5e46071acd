import Foundation
import Model

/// What a logged-in database keeps beside itself in `<db>.auth`: where it syncs, as whom,
/// and the tokens. Readable by its owner only, as a password file would be.
public struct Credentials: Codable, Sendable, Hashable {
  /// The server's base URL, e.g. `http://127.0.0.1:8080`.
  public var server: String
  public var accessToken: String
  public var refreshToken: String
  /// When the access token stops working (from the server's `expiresIn`, by this clock).
  public var accessExpiresAt: Date
  public var user: UserInfo

  public init(
    server: String, accessToken: String, refreshToken: String, accessExpiresAt: Date,
    user: UserInfo
  ) {
    self.server = server
    self.accessToken = accessToken
    self.refreshToken = refreshToken
    self.accessExpiresAt = accessExpiresAt
    self.user = user
  }

  /// From a signup, login or refresh answer received at `now`.
  public init(server: String, tokens: TokenResponse, now: Date = Date()) {
    self.init(
      server: server, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
      accessExpiresAt: now.addingTimeInterval(TimeInterval(max(0, tokens.expiresIn))),
      user: tokens.user)
  }

  /// Whether the access token has run out (or will within `margin` seconds) at `now`.
  public func accessExpired(at now: Date = Date(), margin: TimeInterval = 5) -> Bool {
    accessExpiresAt.timeIntervalSince(now) <= margin
  }
}

/// The token file `<database>.auth`. Created with mode 0600 and replaced atomically; a file
/// whose mode lets anyone but its owner in is refused, not read, since a token in it would
/// let them act as the user.
public struct CredentialsFile: Sendable {
  public let path: String

  public init(path: String) { self.path = path }

  /// The token file of the database at `databasePath`.
  public init(databasePath: String) { self.path = databasePath + ".auth" }

  /// The saved credentials, nil when there is no file.
  public func load() throws(SyncError) -> Credentials? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT { return nil }
      throw .local("can't read the token file \(path): \(String(cString: strerror(errno)))")
    }
    let mode = info.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw .local(
        "the token file \(path) can be read by others (mode \(String(mode, radix: 8))); "
          + "run `chmod 600 \(path)` or log in again")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .local("can't read the token file \(path)")
    }
    do {
      return try WireJSON.decoder().decode(Credentials.self, from: data)
    } catch {
      throw .local("the token file \(path) is damaged; log in again (`crm login`)")
    }
  }

  /// Writes `credentials`: a new file with mode 0600 beside the old one, then renamed over
  /// it, so a crash leaves either the old tokens or the new ones.
  public func save(_ credentials: Credentials) throws(SyncError) {
    let data: Data
    do { data = try WireJSON.encoder().encode(credentials) } catch {
      throw .local("can't encode the token file: \(error)")
    }
    let temporary = path + ".tmp-\(getpid())"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw .local("can't write the token file \(temporary): \(String(cString: strerror(errno)))")
    }
    // The umask may have narrowed the mode further; never wider than 0600.
    fchmod(fd, 0o600)
    let written = data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let count = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += count
      }
      return true
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard written, synced, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw .local("can't write the token file \(path): \(reason)")
    }
  }

  /// Forgets the tokens (logout). No file is not an error.
  public func remove() throws(SyncError) {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw .local("can't remove the token file \(path): \(String(cString: strerror(errno)))")
    }
  }
}
