package io.darkscope.sim;

import io.darkscope.sim.scenario.Network;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sorts autonomous systems into the kinds of network a source can come from, by the AS
 * table's organisation names (ip-location-db's asn csv: {@code first,last,as_number,organisation})
 * and a short list of AS numbers whose names say too little. In order:
 * <ol>
 *   <li>none (never a source of any kind but {@code any}): satellite operators (SpaceX's
 *       Starlink came years after 2016, and no home router lives in most satellite space),
 *       transit backbones, and organisations that are not networks of homes nor of servers for
 *       hire: armed forces, governments, universities and research, banks, insurers, carmakers;</li>
 *   <li>hosting: the listed clouds and hosters (Amazon, Microsoft, Google, Alibaba, Tencent,
 *       OVH, Hetzner, DigitalOcean...), and names with hosting, cloud, data centre, server, VPS,
 *       colocation;</li>
 *   <li>mobile: the listed mobile operators (NTT DOCOMO, T-Mobile, Reliance Jio, Irancell...)
 *       and names with mobile, wireless, cellular, GSM, LTE;</li>
 *   <li>residential: every other AS, that is the access providers, from whose broadband space
 *       home routers, cameras and recorders scan.</li>
 * </ol>
 * Addresses that no AS announces are of no kind. The sort is coarse (many access providers run
 * mobile and fixed networks under one AS; those stay residential), but it keeps worms out of
 * clouds and research scanners in them.
 */
public final class NetworkClasses {
    /** AS numbers whose organisation names are not enough, with the kind they are (null: none). */
    private static final Map<Long, Network> LISTED = Map.ofEntries(
            // satellite: SpaceX (Starlink), Hughes, Viasat
            Map.entry(14593L, Network.ANY), Map.entry(27277L, Network.ANY), Map.entry(6621L, Network.ANY), Map.entry(7155L, Network.ANY),
            Map.entry(40306L, Network.ANY),
            // transit backbones and content networks
            Map.entry(3356L, Network.ANY), Map.entry(174L, Network.ANY), Map.entry(1299L, Network.ANY), Map.entry(2914L, Network.ANY),
            Map.entry(3257L, Network.ANY), Map.entry(6939L, Network.ANY), Map.entry(6461L, Network.ANY), Map.entry(6762L, Network.ANY),
            Map.entry(3491L, Network.ANY), Map.entry(1273L, Network.ANY), Map.entry(6453L, Network.ANY), Map.entry(714L, Network.ANY), Map.entry(32934L, Network.ANY), Map.entry(521L, Network.ANY),
            Map.entry(31399L, Network.ANY), Map.entry(6253L, Network.ANY), Map.entry(749L, Network.ANY), Map.entry(721L, Network.ANY),
            Map.entry(680L, Network.ANY), Map.entry(1103L, Network.ANY),
            // access providers whose names mislead
            Map.entry(17676L, Network.RESIDENTIAL), Map.entry(4725L, Network.RESIDENTIAL), Map.entry(16591L, Network.RESIDENTIAL),
            // clouds, hosters, CDNs
            Map.entry(16509L, Network.HOSTING), Map.entry(14618L, Network.HOSTING), Map.entry(8075L, Network.HOSTING),
            Map.entry(8068L, Network.HOSTING), Map.entry(8069L, Network.HOSTING), Map.entry(15169L, Network.HOSTING),
            Map.entry(396982L, Network.HOSTING), Map.entry(19527L, Network.HOSTING), Map.entry(37963L, Network.HOSTING),
            Map.entry(45102L, Network.HOSTING), Map.entry(132203L, Network.HOSTING), Map.entry(45090L, Network.HOSTING),
            Map.entry(16276L, Network.HOSTING), Map.entry(24940L, Network.HOSTING), Map.entry(14061L, Network.HOSTING),
            Map.entry(63949L, Network.HOSTING), Map.entry(20940L, Network.HOSTING), Map.entry(16625L, Network.HOSTING),
            Map.entry(13335L, Network.HOSTING), Map.entry(31898L, Network.HOSTING), Map.entry(36351L, Network.HOSTING),
            Map.entry(20473L, Network.HOSTING), Map.entry(60781L, Network.HOSTING), Map.entry(16265L, Network.HOSTING),
            Map.entry(51167L, Network.HOSTING), Map.entry(12876L, Network.HOSTING), Map.entry(54113L, Network.HOSTING),
            Map.entry(19994L, Network.HOSTING), Map.entry(26496L, Network.HOSTING), Map.entry(46606L, Network.HOSTING),
            Map.entry(8560L, Network.HOSTING), Map.entry(47583L, Network.HOSTING),
            // mobile operators
            Map.entry(9605L, Network.MOBILE), Map.entry(21928L, Network.MOBILE), Map.entry(22394L, Network.MOBILE),
            Map.entry(20057L, Network.MOBILE), Map.entry(55836L, Network.MOBILE), Map.entry(45609L, Network.MOBILE),
            Map.entry(44244L, Network.MOBILE), Map.entry(197207L, Network.MOBILE), Map.entry(26615L, Network.MOBILE),
            Map.entry(9808L, Network.MOBILE), Map.entry(6167L, Network.MOBILE), Map.entry(38266L, Network.MOBILE),
            Map.entry(16135L, Network.MOBILE), Map.entry(23693L, Network.MOBILE), Map.entry(4761L, Network.MOBILE),
            Map.entry(138384L, Network.MOBILE));
    // Matched against the name in lower case with every run of other characters than letters and
    // digits made one space, and a space at either end: " bank " is a word, " universit" a word's start.
    private static final String[] NONE = {" starlink", " space exploration", " satellite", " hughes network", " viasat", " inmarsat",
            " department of defense", " dod ", " ministry", " government", " federal ", " army ", " navy ", " air force", " police",
            " universit", " universidad", " college", " school", " education", " research", " academ", " institut", " forschung",
            " bank ", " bank of", " banco ", " banque", " insurance", " motor ", " motors ", " automotive", " exxon"};
    private static final String[] HOSTING = {" amazon", " microsoft", " google", " alibaba", " aliyun", " tencent", " oracle",
            " digitalocean", " digital ocean", " linode", " akamai", " cloudflare", " ovh", " hetzner", " vultr", " choopa", " leaseweb",
            " contabo", " scaleway", " rackspace", " softlayer", " godaddy", " hosting", " host ", " hoster", " cloud", " data center",
            " datacenter", " data centre", " datacentre", " server", " vps", " colocation", " colo ", " dedicated"};
    private static final String[] MOBILE = {" mobile", " mobil ", " mobilfunk", " wireless", " cellular", " celular", " movil",
            " móvil", " gsm", " lte ", " telkomsel", " indosat", " irancell", " iran cell", " turkcell", " jio "};
    private static final Set<Network> KINDS = Set.of(Network.RESIDENTIAL, Network.MOBILE, Network.HOSTING);

    private NetworkClasses() {
    }

    /** The kind of network of an AS ({@code asNumber} without "AS"), or null when its space is no source's. */
    public static Network of(long asNumber, String organisation) {
        Network listed = LISTED.get(asNumber);
        if (listed != null) {
            return KINDS.contains(listed) ? listed : null;
        }
        String name = words(organisation);
        if (contains(name, NONE)) {
            return null;
        }
        if (contains(name, HOSTING)) {
            return Network.HOSTING;
        }
        if (contains(name, MOBILE)) {
            return Network.MOBILE;
        }
        return Network.RESIDENTIAL;
    }

    /** " softbank corp " for "SoftBank Corp.". */
    static String words(String organisation) {
        StringBuilder b = new StringBuilder(" ");
        for (char c : organisation.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else if (b.charAt(b.length() - 1) != ' ') {
                b.append(' ');
            }
        }
        if (b.charAt(b.length() - 1) != ' ') {
            b.append(' ');
        }
        return b.toString();
    }

    private static boolean contains(String name, String[] words) {
        for (String w : words) {
            if (name.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
