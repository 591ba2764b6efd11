/// Finds templates that include themselves on every path, which would
/// recurse until the depth limit on every single request.
///
/// Only includes outside any section or block count: an include inside
/// `{{#children}}` stops when the data runs out, and one inside a block
/// stops when a child overrides it (the Mustache inheritance spec has such
/// a case), so only the unconditional ones can be judged without data.
struct IncludeGraph {
    let templates: [Template]

    func checkForCycles() throws(TemplateError) {
        var state = [Visit](repeating: .new, count: templates.count)
        var path: [Int] = []
        for start in templates.indices where state[start] == .new {
            try visit(start, &state, &path)
        }
    }

    private enum Visit { case new, active, done }

    private func visit(_ index: Int, _ state: inout [Visit], _ path: inout [Int]) throws(TemplateError) {
        state[index] = .active
        path.append(index)
        for include in Self.unconditionalIncludes(templates[index].nodes) {
            switch state[include.index] {
            case .active:
                let cycle = path.drop(while: { $0 != include.index }).map { templates[$0].name } + [include.name]
                throw templates[index].error(at: include.offset, .includeCycle(cycle))
            case .new:
                try visit(include.index, &state, &path)
            case .done:
                break
            }
        }
        path.removeLast()
        state[index] = .done
    }

    private static func unconditionalIncludes(_ nodes: [Node]) -> [Include] {
        nodes.compactMap { node in
            switch node {
            case .partial(let include, _), .parent(let include, _): include
            default: nil
            }
        }
    }
}
