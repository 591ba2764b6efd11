import Foundation

/// The files of `Public/`, read once at start and served from memory with
/// validators. Only regular files inside the folder are loaded — symbolic
/// links are skipped — and look-ups go through a dictionary of those, so no
/// request path, however encoded, can reach anything else.
public final class StaticFiles: Sendable {
    struct File: Sendable {
        let body: [UInt8]
        let headers: HTTPHeaders
        let etag: String
        let lastModified: Int
    }

    let files: [String: File]

    public init(directory: String, maxAge: Int = 3600) throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var files: [String: File] = [:]
        for relative in try Self.regularFiles(under: root.path) {
            let url = root.appendingPathComponent(relative)
            let body = try [UInt8](Data(contentsOf: url))
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            let etag = "\"" + String(Self.fnv1a(body), radix: 16) + "\""
            let headers: HTTPHeaders = [
                "Content-Type": Self.contentType(for: relative),
                "ETag": etag,
                "Last-Modified": HTTPDate.format(modified),
                // No `public`: it matters only for requests with Authorization, which these never need.
                "Cache-Control": "max-age=\(maxAge)",
                "X-Content-Type-Options": "nosniff",
            ]
            files[relative] = File(body: body, headers: headers, etag: etag, lastModified: modified)
        }
        self.files = files
    }

    public var paths: [String] { files.keys.sorted() }

    /// Registers `GET` (and so `HEAD`) of `prefix/*path` on the event loop:
    /// answering from memory never blocks.
    public func register(on builder: RouterBuilder, prefix: String = "/static") {
        builder.get(prefix + "/*path", options: RouteOptions(maxBodyBytes: 0, runsOnEventLoop: true)) { [self] request in
            self.respond(to: request, path: request.parameter("path") ?? "")
        }
    }

    func respond(to request: HTTPRequest, path encodedPath: String) -> HTTPResponse {
        guard let path = Self.safePath(encodedPath), let file = files[path] else {
            return .plain(.notFound)
        }
        if Self.isNotModified(file, request.headers) {
            var headers = file.headers
            headers.remove("Content-Type")
            return HTTPResponse(status: .notModified, headers: headers)
        }
        return HTTPResponse(status: .ok, headers: file.headers, body: .bytes(file.body))
    }

    /// RFC 9110 §13.1: `If-None-Match` decides when present; otherwise
    /// `If-Modified-Since`.
    static func isNotModified(_ file: File, _ headers: HTTPHeaders) -> Bool {
        if let candidates = headers["If-None-Match"] {
            return candidates.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingOWS()
                return tag == "*" || tag == file.etag[...] || tag == "W/" + file.etag
            }
        }
        if let since = headers["If-Modified-Since"].flatMap(HTTPDate.parse) {
            return file.lastModified <= since
        }
        return false
    }

    /// The decoded relative path, or nil for anything that is not a plain
    /// path of names: `..`, `.`, empty segments, encoded slashes or NULs.
    static func safePath(_ encoded: String) -> String? {
        var names: [Substring] = []
        let decoded: String
        if encoded.utf8.contains(UInt8(ascii: "%")) {
            // Decode segment by segment, so an encoded `/` cannot make a new one.
            var parts: [String] = []
            for segment in encoded.split(separator: "/", omittingEmptySubsequences: false) {
                guard let name = FormDecoding.percentDecoded(segment),
                      !name.utf8.contains(where: { $0 == UInt8(ascii: "/") }) else { return nil }
                parts.append(name)
            }
            decoded = parts.joined(separator: "/")
        } else {
            decoded = encoded
        }
        names = decoded.split(separator: "/", omittingEmptySubsequences: false)
        for name in names {
            guard !name.isEmpty, name != ".", name != "..",
                  !name.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 }) else { return nil }
        }
        return decoded
    }

    static func regularFiles(under root: String) throws -> [String] {
        var result: [String] = []
        func walk(_ relative: String) throws {
            let directory = relative.isEmpty ? root : root + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: try walk(path)
                case S_IFREG: result.append(path)
                default: continue  // symbolic links and devices are never served
                }
            }
        }
        try walk("")
        return result
    }

    static func contentType(for path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "html", "htm": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "ico": "image/vnd.microsoft.icon"
        case "webp": "image/webp"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        case "ics": "text/calendar; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
