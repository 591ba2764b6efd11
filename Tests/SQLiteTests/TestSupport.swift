import Foundation
import Synchronization
import XCTest

@testable import SQLite

/// A fresh directory per test, removed afterwards, so every test runs
/// against real files, including the -wal and -shm files of WAL mode.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("terminbuch-sqlite-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String = "test.sqlite") -> String {
        url.appendingPathComponent(name).path
    }
}

struct TestError: Error, Equatable {
    let tag: String
}

/// Runs `body` on `count` threads of its own at once (not a pool that might
/// run them one after another on two cores) and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

/// A counter the test threads can share.
final class Counter: Sendable {
    private let value = Mutex<Int>(0)

    func increment() {
        value.withLock { $0 += 1 }
    }

    var count: Int {
        value.withLock { $0 }
    }
}

/// How many threads are inside a section now, and the most there ever were.
final class Gauge: Sendable {
    private let state = Mutex<(current: Int, peak: Int)>((0, 0))

    func enter() {
        state.withLock {
            $0.current += 1
            $0.peak = max($0.peak, $0.current)
        }
    }

    func leave() {
        state.withLock { $0.current -= 1 }
    }

    var peak: Int {
        state.withLock { $0.peak }
    }
}

/// Errors collected from other threads, to assert on in the test thread.
final class ErrorLog: Sendable {
    private let errors = Mutex<[String]>([])

    func record(_ error: any Error) {
        errors.withLock { $0.append("\(error)") }
    }

    var all: [String] {
        errors.withLock { $0 }
    }
}

/// Asserts that `body` throws an `SQLiteError` and returns it.
@discardableResult
func assertSQLiteError<T>(
    _ body: @autoclosure () throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) -> SQLiteError? {
    do {
        _ = try body()
        XCTFail("expected an SQLiteError, nothing was thrown", file: file, line: line)
    } catch let error as SQLiteError {
        return error
    } catch {
        XCTFail("expected an SQLiteError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}
