import XCTest

/// A test class whose tests share one demo server: started before its first
/// test, stopped after its last. Its tests book what no other test of the
/// class touches, so one start serves them all.
class SharedDemoServerTestCase: XCTestCase {
    nonisolated(unsafe) private static var servers: [ObjectIdentifier: Result<DemoServer, any Error>] = [:]

    override class func setUp() {
        super.setUp()
        servers[ObjectIdentifier(self)] = Result { try DemoServer.start() }
    }

    override class func tearDown() {
        try? servers.removeValue(forKey: ObjectIdentifier(self))?.get().stop()
        super.tearDown()
    }

    /// The class's server, or the error its start threw.
    var sharedServer: DemoServer {
        get throws { try XCTUnwrap(Self.servers[ObjectIdentifier(type(of: self))], "no demo server").get() }
    }
}
