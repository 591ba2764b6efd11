import HTTPServer

extension HTTPResponse {
    /// A JSON response; the body is written straight from the value.
    /// `reservingCapacity` lets large lists (slots, schedules) skip regrowth.
    public static func json(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = [:],
                            reservingCapacity capacity: Int = 256) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json",
                     body: JSONWriter.serialize(value, reservingCapacity: capacity), headers: headers)
    }
}
