import Core
import HTTPServer
import Templating

/// Rendering a page: the page's own values plus what the layout needs
/// (language, texts, language switch, error summary, CSRF token).
extension Pages {
    /// - Parameters:
    ///   - here: where the language switch leads; the request's own address
    ///     unless told (a page answering a POST names the GET page it belongs to).
    ///   - secret: the page carries a manage token (in its address or its
    ///     forms): no `Referer` may take it elsewhere, and no cache may keep it.
    ///   - switchByPost: the language switch posts this request's form again
    ///     to its own address (a page made from personal details, which must
    ///     not go into an address, and whose post changes nothing).
    func render(_ name: String, _ values: TemplateValue, _ page: PageRequest, status: HTTPStatus = .ok,
                errors: FormErrors = FormErrors(), here: String? = nil, secret: Bool = false,
                switchByPost: Bool = false) throws -> HTTPResponse {
        var context = values
        context.set("lang", .string(page.language))
        context.set("t", page.texts.templateValue)
        let repost = switchByPost && page.isPost
            ? page.formFields.filter { $0.0 != "lang" && $0.0 != "languageSwitch" } : nil
        let switchTarget = repost != nil ? page.address : here ?? page.address
        context.set("languages", LanguageSwitch.links(from: page.language, at: switchTarget, repost: repost,
                                                      translations: translations))
        context.set("hasErrors", .bool(!errors.isEmpty))
        context.set("errorSummary", errors.summary)
        context.set("fieldErrors", errors.fields)
        context.set("csrf", ["name": .string(CSRF.fieldName), "value": .string(page.csrf.value)])
        context.set("signedIn", signedInHeader(page))
        let body = try templates.render(name, context)
        var headers: HTTPHeaders = ["Content-Language": page.language]
        if secret {
            for (name, value) in SecurityHeaders.forSecrets { headers.set(name, value) }
        }
        return HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: body, headers: headers)
    }

    /// 303 to a GET page: after a form post, so reloading does not post again.
    func redirect(_ location: String) -> HTTPResponse {
        HTTPResponse(status: .seeOther, headers: ["Location": location, "Cache-Control": "no-store"])
    }

    func notFoundPage(_ page: PageRequest) throws -> HTTPResponse {
        try render("pages/not-found", [:], page, status: .notFound, here: "/")
    }

    /// - Parameter notAllowed: the account may not see this page (wrong
    ///   role, another office); else a form came without its CSRF token.
    func forbiddenPage(_ page: PageRequest, notAllowed: Bool = false) throws -> HTTPResponse {
        try render("pages/forbidden", ["notAllowed": .bool(notAllowed)], page, status: .forbidden, here: notAllowed ? nil : "/")
    }

    func problemPage(_ page: PageRequest) throws -> HTTPResponse {
        try render("pages/problem", [:], page, status: .internalServerError, here: "/")
    }

    /// 503 with `Retry-After` for a storage fault: nothing was saved, try again soon.
    func unavailablePage(_ page: PageRequest) throws -> HTTPResponse {
        var response = try render("pages/unavailable", [:], page, status: .serviceUnavailable, here: "/")
        for (name, value) in StoreUnavailable.headers { response.headers.set(name, value) }
        return response
    }
}

/// The frame around every page handler: reads the request once, refuses a
/// form post without its CSRF token, turns failures into pages of their
/// own, and adds the cookies and caching rules every page needs.
extension Pages {
    func handler(_ body: @escaping @Sendable (PageRequest) throws -> HTTPResponse) -> Handler {
        { http in
            let page = pageRequest(http)
            let response: HTTPResponse
            if http.method == .post && !CSRF.isValid(http, field: page.form[CSRF.fieldName]) {
                response = try forbiddenPage(page)
            } else {
                response = try answer(page, body)
            }
            return finish(response, page)
        }
    }

    /// The handler's answer, or the page of what went wrong, rendered for
    /// `page` (with its signed-in header when the guard has set one).
    func answer(_ page: PageRequest, _ body: (PageRequest) throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body(page)
        } catch PageFailure.redirect(let location) {
            return redirect(location)
        } catch PageFailure.forbidden {
            return try forbiddenPage(page, notAllowed: true)
        } catch PageFailure.notFound, BookingError.notFound, BookingError.unknownOffice {
            return try notFoundPage(page)
        } catch BookingError.refused(.serviceNotOffered), BookingError.refused(.channelNotAllowed) {
            return try notFoundPage(page)
        } catch is StoreUnavailable {
            // Told once per episode by the store; not a page error.
            return try unavailablePage(page)
        } catch {
            APIProblems.writeToStandardError(page.http.errorLine(.page, error))
            return try problemPage(page)
        }
    }

    func finish(_ response: HTTPResponse, _ page: PageRequest) -> HTTPResponse {
        var response = response
        if page.csrf.isNew { response.headers.add("Set-Cookie", CSRF.cookieHeader(page.csrf.value)) }
        if page.choseLanguage { response.headers.add("Set-Cookie", LanguageSwitch.cookieHeader(page.language)) }
        // The language comes from the cookie and the header; every page holds
        // the CSRF token of its reader: private, and checked again each time.
        response.headers.set("Vary", "Cookie, Accept-Language")
        if !response.headers.contains("Cache-Control") { response.headers.set("Cache-Control", "private, no-cache") }
        return response
    }
}
