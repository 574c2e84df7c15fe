// DynamoDB Local, listening on 127.0.0.1 only. DynamoDB Local has no option for the address it
// binds (its Jetty connector takes every interface, IPv4 and IPv6); this launcher builds the server
// exactly as the jar's own main does (ServerRunner.createServerFromCommandLineArgs, same flags),
// sets the connector's host before it starts, and starts it. Telemetry is never set up. A server
// that cannot start (its port taken) ends the JVM, which Jetty's threads would otherwise keep.
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    try {
      proxy.start();
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
