import Foundation

/// A tiny TCP proxy on loopback in front of the server: passes bytes both ways; after
/// `cut(next:afterBytes:)` it lets the next answers' requests through whole and drops their
/// connection after a few bytes of the answer, as a network that fails mid-response would.
final class CutProxy: @unchecked Sendable {
  let port: Int
  private let target: Int
  private let listener: Int32
  private let lock = NSLock()
  private var cuts = 0
  private var cutAfterBytes = 0
  /// How many answers were cut so far.
  private var cutCount = 0
  var cutsMade: Int { lock.withLock { cutCount } }

  var url: String { "http://127.0.0.1:\(port)" }

  init(targetPort: Int) throws {
    target = targetPort
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(listener, 16) == 0 else {
      throw NSError(domain: "CutProxy", code: Int(errno))
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// The next `count` connections are cut after `bytes` bytes of the server's answer.
  func cut(next count: Int, afterBytes bytes: Int) {
    lock.withLock {
      cuts = count
      cutAfterBytes = bytes
    }
  }

  func close() {
    shutdown(listener, Int32(SHUT_RDWR))
    Glibc.close(listener)
  }

  private func acceptLoop() {
    while true {
      let client = accept(listener, nil, nil)
      guard client >= 0 else { return }
      let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = Self.loopback(port: target)
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard connected == 0 else {
        Glibc.close(client)
        Glibc.close(server)
        continue
      }
      let pair = SocketPair(client, server)
      Thread {
        Self.pump(from: client, to: server, cut: { nil })
        pair.done()
      }.start()
      Thread { [self] in
        Self.pump(from: server, to: client, cut: { self.takeCut() })
        pair.done()
      }.start()
    }
  }

  /// The byte limit for the answer starting now, if a cut is armed (connections already
  /// open are cut too: the client keeps its connection between requests).
  private func takeCut() -> Int? {
    lock.withLock {
      guard cuts > 0 else { return nil }
      cuts -= 1
      cutCount += 1
      return cutAfterBytes
    }
  }

  /// Copies until either side closes, or until a cut: `cut` is asked before each chunk and
  /// a limit it gives ends the connection after that many bytes. Shuts both down (the pair
  /// closes them once both directions are done).
  private static func pump(from source: Int32, to sink: Int32, cut: () -> Int?) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(source, &buffer, buffer.count)
      if count <= 0 { break }
      if let limit = cut() {
        let chunk = min(limit, count)
        if chunk > 0 { _ = buffer.withUnsafeBytes { write(sink, $0.baseAddress!, chunk) } }
        break
      }
      var offset = 0
      while offset < count {
        let written = buffer.withUnsafeBytes {
          write(sink, $0.baseAddress! + offset, count - offset)
        }
        if written <= 0 { break }
        offset += written
      }
      if offset < count { break }
    }
    shutdown(source, Int32(SHUT_RDWR))
    shutdown(sink, Int32(SHUT_RDWR))
  }

  private static func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}

/// The two sockets of one proxied connection, closed when both pumps have ended.
private final class SocketPair: @unchecked Sendable {
  private let lock = NSLock()
  private var remaining = 2
  private let first: Int32
  private let second: Int32

  init(_ first: Int32, _ second: Int32) {
    self.first = first
    self.second = second
  }

  func done() {
    let last = lock.withLock {
      remaining -= 1
      return remaining == 0
    }
    if last {
      Glibc.close(first)
      Glibc.close(second)
    }
  }
}
