package dev.eddy.sse.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /streams}: each stream's name, position ({@code last_id}) and subscriber count. */
final class StreamListHandler extends Handler.Abstract.NonBlocking {

    private final StreamCatalog streams;
    private final ReadAccess readAccess;

    StreamListHandler(StreamCatalog streams, ReadAccess readAccess) {
        this.streams = streams;
        this.readAccess = readAccess;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Methods.readOnly(request, response, callback)
                || !readAccess.check(request, response, callback)) {
            return true;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (ServedStream stream : streams.all()) {
            ObjectNode entry = list.addObject().put("name", stream.name());
            stream.describe(entry);
            entry.put("subscribers", stream.subscriberCount());
        }
        return HttpAnswers.json(response, callback, HttpStatus.OK_200, list.toString());
    }
}
