// Akka's log events as lines on standard error, so a run's standard output carries only its progress.
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Es.Actors.Hosting;

/// <summary>
/// The logger named in reference.conf (<c>akka.loggers</c>). Akka's default logger writes to
/// standard output, where `es train` writes its progress table and scripts read it; warnings and
/// errors belong on standard error.
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Creates the logger (Akka does, from its type name in <c>akka.loggers</c>).</summary>
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
