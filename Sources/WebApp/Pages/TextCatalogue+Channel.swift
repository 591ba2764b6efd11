import Scheduling
import Templating

extension TextCatalogue {
    /// How a booking was made, in the page's language: one word per channel
    /// for every list and form that names it (`channel.online`, …).
    func channelName(_ channel: Channel) -> String { text("channel.\(channel.rawValue)") }
}
