// The actor behind a pool router: owns the routees, forwards messages, tracks their deaths.
namespace Es.Actors.Routing;

/// <summary>
/// Creates the routees as watched children, forwards each message (with its original sender) to the routee the
/// logic picks, answers management messages, drops routees that terminate and stops itself after the last one.
/// </summary>
internal sealed class RouterActor : ActorBase
{
    private readonly Pool _pool;
    private readonly Props _routeeProps;
    private readonly RoutingLogic _logic;
    private readonly List<IActorRef> _routees = [];

    public RouterActor(Pool pool, Props routeeProps)
    {
        _pool = pool;
        _routeeProps = routeeProps;
        _logic = pool.CreateRoutingLogic();
    }

    protected override void PreStart()
    {
        _routees.Clear();
        for (var i = 0; i < _pool.NrOfInstances; i++)
            _routees.Add(Context.Watch(Context.ActorOf(_routeeProps)));
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case GetRoutees:
                Sender.Tell(new Routees(_routees.ToArray()), Self);
                return true;
            case Broadcast broadcast:
                foreach (var routee in _routees) routee.Tell(broadcast.Message, Sender);
                return true;
            case Terminated terminated:
                _routees.Remove(terminated.ActorRef);
                if (_routees.Count == 0) Context.Stop(Self);
                return true;
            default:
                if (_routees.Count == 0) return false;
                _logic.Select(message, _routees).Tell(message, Sender);
                return true;
        }
    }
}
