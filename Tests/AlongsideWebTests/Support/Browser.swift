import Foundation
import Testing
import Vapor
import VaporTesting

/// A client that keeps cookies between requests and fills in the form token, as a browser would.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    /// Sent with every request, as a browser sends its language.
    var headers: HTTPHeaders = [:]

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. The session's form token is added unless `csrf` is given (pass "" to send none).
    @discardableResult
    func post(_ path: String, form: [String: String], csrf: String? = nil) async throws -> TestingHTTPResponse {
        var fields = form
        let token = csrf ?? self.csrf ?? ""
        if !token.isEmpty { fields["csrf"] = token }
        let body = fields.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
            .joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form with a file, as `multipart/form-data`, with the session's form token.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, contents: String, form: [String: String] = [:])
        async throws -> TestingHTTPResponse
    {
        let boundary = "alongside-test-boundary"
        var fields = form
        if let csrf { fields["csrf"] = csrf }
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Opens the sign-in page, then signs in; returns the response to the form.
    @discardableResult
    func signIn(_ email: String, password: String, next: String? = nil) async throws -> TestingHTTPResponse {
        try await get("/sign-in")
        var form = ["email": email, "password": password]
        if let next { form["next"] = next }
        let response = try await post("/sign-in", form: form)
        if response.status == .seeOther {
            // The session changed: pick up the new form token from any signed-in page.
            try await get("/")
        }
        return response
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws
        -> TestingHTTPResponse
    {
        var headers = headers
        for (name, value) in self.headers where !headers.contains(name: name) { headers.add(name: name, value: value) }
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            if value.contains("Expires=Thu, 01 Jan 1970") || value.lowercased().contains("max-age=0") {
                cookies[name] = nil
            } else {
                cookies[name] = String(pair[1])
            }
        }
        if let token = Self.formToken(in: response.body.string) { csrf = token }
        return response
    }

    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}
