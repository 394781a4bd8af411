package cn.yaan.carbonsink.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * Which node runs the scheduled jobs: the coordinator of the cluster's membership (JGroups' view, through the
 * application's Infinispan cache container), that is its oldest member. Every node's timers fire; each job first asks
 * {@link #leads()} and returns at once on the other nodes. When the coordinator dies the next oldest member becomes
 * coordinator as soon as the survivors see it gone, and runs the jobs from their next tick on.
 * <p>
 * One server that is no cluster (standalone.xml: a local cache container, no membership) always leads. The jobs stay
 * safe if two nodes ever lead at once (a view change, a split): each takes the row locks that keep it from doing one
 * thing twice, as it did when every node ran every job.
 */
@ApplicationScoped
public class JobLeader {

    @Resource(lookup = "java:jboss/infinispan/container/carbonsink")
    EmbeddedCacheManager container;

    /** Whether the scheduled jobs run on this node now. */
    public boolean leads() {
        // Not the address: WildFly gives a local container one too, of which it is never the coordinator.
        return !container.getCacheManagerConfiguration().isClustered() || container.isCoordinator();
    }
}
