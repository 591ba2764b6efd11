import Foundation

/// A certificate authority and two server certificates signed by it, made
/// by the openssl command for the tests: one for `localhost` and
/// 127.0.0.1, one for another host; and a second authority that signed
/// nothing, to be the wrong one.
public struct TestCertificates: Sendable {
    /// Whom a server certificate names.
    public enum Identity: String, Sendable {
        /// `DNS:localhost, IP:127.0.0.1`.
        case localhost
        /// `DNS:mail.elsewhere.example`: the right authority, the wrong host.
        case elsewhere
    }

    public let directory: String
    public var caFile: String { directory + "/ca.pem" }
    public var wrongCAFile: String { directory + "/wrong-ca.pem" }

    public func certificate(_ identity: Identity) -> String { "\(directory)/\(identity.rawValue).pem" }
    public func key(_ identity: Identity) -> String { "\(directory)/\(identity.rawValue).key" }

    public init() throws {
        directory = try ExternalTools.temporaryDirectory()
        for name in ["ca", "wrong-ca"] {
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Terminbuch test \(name)",
                         "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem"])
        }
        let names: [Identity: String] = [.localhost: "DNS:localhost,IP:127.0.0.1", .elsewhere: "DNS:mail.elsewhere.example"]
        for (identity, subjectAltName) in names {
            let base = "\(directory)/\(identity.rawValue)"
            try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(identity.rawValue)",
                         "-keyout", key(identity), "-out", base + ".csr"])
            try "subjectAltName=\(subjectAltName)\n".write(toFile: base + ".ext", atomically: true, encoding: .utf8)
            try openssl(["x509", "-req", "-in", base + ".csr", "-CA", caFile, "-CAkey", "\(directory)/ca.key",
                         "-CAcreateserial", "-days", "2", "-extfile", base + ".ext", "-out", certificate(identity)])
        }
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ExternalTools.Missing(description: "openssl \(arguments.first ?? "") failed; scripts/setup installs libssl-dev, Debian's openssl the command")
        }
    }
}
