import HTTPServer

/// The answer to an address no route knows: the site's 404 page, in the
/// reader's language and with the way back to the start, as for an unknown
/// service or booking. Under `/api/` it stays a bare 404 for `APIProblems`
/// to make a problem of: API clients read problems, never pages.
///
/// The router runs it on the event loop: it renders from memory and never
/// touches the store. Any method gets the page, a POST too: there is no
/// form here whose CSRF token could matter.
extension Pages {
    var unknownPath: Handler {
        { http in
            guard !http.path.hasPrefix(APIProblems.pathPrefix) else { return HTTPResponse(status: .notFound) }
            let page = pageRequest(http)
            return finish(try notFoundPage(page), page)
        }
    }
}
