package io.dbferry.core.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree a media archive builds, entry by entry, before anything is written: each entry's path is
 * resolved through the links the entries before it create (as the file system will, {@code ..} taken
 * after a link is followed), so a chain such as {@code x -> .} and then {@code x/y -> ..} is seen for
 * the link at {@code y} leading out of the folder that it is. Every link is checked where it is created
 * and again against the finished tree, since a later link can change where an earlier one leads.
 * Paths here are canonical: relative to the media folder, '/'-separated, through no link of the archive.
 */
final class MediaTree {

    /** The file system's own limit on links followed in one lookup (Linux: 40). */
    private static final int MAX_LINK_HOPS = 40;

    private enum Node { IMPLICIT_DIRECTORY, DIRECTORY, FILE, LINK }

    private final Map<String, Node> nodes = new HashMap<>();
    /** canonical place of each link -> its target as archived, in archive order */
    private final Map<String, String> links = new LinkedHashMap<>();
    /** canonical place -> the entry name that put it there, for messages */
    private final Map<String, String> names = new HashMap<>();

    MediaTree() {
        nodes.put("", Node.DIRECTORY);
    }

    /**
     * Adds the entry {@code name} (safe, as {@link MediaArchive#safeName} returns it) and returns its
     * canonical place. Refuses an entry that would land outside the media folder, beneath a file, beneath a
     * link to something that is not a folder of the archive, or on a place an earlier entry took.
     */
    String add(String name, MediaTree.Kind kind, String linkTarget) throws MediaArchive.UnsafeEntryException {
        List<String> parts = new ArrayList<>(List.of(name.split("/")));
        String last = parts.remove(parts.size() - 1);
        List<String> parent = resolve(name, List.of(), parts, true, true, new int[1]);
        if (nodes.get(String.join("/", parent)) == Node.FILE) {
            throw new MediaArchive.UnsafeEntryException("the entry " + name + " lies beneath the file " + names.get(String.join("/", parent)));
        }
        for (int i = 1; i <= parent.size(); i++) {
            nodes.putIfAbsent(String.join("/", parent.subList(0, i)), Node.IMPLICIT_DIRECTORY);
        }
        List<String> placeParts = new ArrayList<>(parent);
        placeParts.add(last);
        String place = String.join("/", placeParts);
        Node before = nodes.get(place);
        if (before == Node.IMPLICIT_DIRECTORY && kind == Kind.DIRECTORY) {
            nodes.put(place, Node.DIRECTORY);
        } else if (before != null) {
            throw new MediaArchive.UnsafeEntryException("the entry " + name + " lands on " + place + ", which "
                    + (before == Node.IMPLICIT_DIRECTORY ? "an earlier entry made a folder" : "the entry " + names.get(place) + " already wrote"));
        } else {
            nodes.put(place, switch (kind) {
                case DIRECTORY -> Node.DIRECTORY;
                case FILE -> Node.FILE;
                case LINK -> Node.LINK;
            });
        }
        names.putIfAbsent(place, name);
        if (kind == Kind.LINK) {
            links.put(place, linkTarget);
            target(place);
        }
        return place;
    }

    enum Kind { FILE, DIRECTORY, LINK }

    /** Every link checked against the finished tree; call once the whole archive has been added. */
    void checkLinks() throws MediaArchive.UnsafeEntryException {
        for (String place : links.keySet()) {
            target(place);
        }
    }

    /** Where the link at {@code place} leads (canonical), refusing a target outside the media folder. */
    String target(String place) throws MediaArchive.UnsafeEntryException {
        String target = links.get(place);
        String name = names.get(place);
        if (target == null || target.isEmpty() || target.startsWith("/") || target.indexOf('\\') >= 0
                || target.indexOf('\0') >= 0 || target.matches("^[A-Za-z]:.*")) {
            throw new MediaArchive.UnsafeEntryException("the link " + name + " points to " + target + ", outside the media folder");
        }
        List<String> from = new ArrayList<>(List.of(place.split("/")));
        from.remove(from.size() - 1);
        return String.join("/", resolve(name, from, List.of(target.split("/")), true, false, new int[1]));
    }

    /**
     * Resolves {@code parts} from the canonical folder {@code from}. {@code strict} is an entry's path: it
     * must not pass beneath a file, nor through a link to anything but a folder of the archive (the
     * write would fail half-way). Otherwise it is a link's target, which may dangle.
     */
    private List<String> resolve(String name, List<String> from, List<String> parts, boolean followLast, boolean strict,
                                 int[] hops) throws MediaArchive.UnsafeEntryException {
        List<String> at = new ArrayList<>(from);
        int end = parts.size();
        while (end > 0 && (parts.get(end - 1).isEmpty() || parts.get(end - 1).equals("."))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            String part = parts.get(i);
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.isEmpty()) {
                    throw new MediaArchive.UnsafeEntryException((strict ? "the entry " : "the link ") + name
                            + " resolves, through the links the archive creates, outside the media folder");
                }
                at.remove(at.size() - 1);
                continue;
            }
            at.add(part);
            String key = String.join("/", at);
            Node node = nodes.get(key);
            boolean last = i == end - 1;
            if (node == Node.LINK && (!last || followLast)) {
                if (++hops[0] > MAX_LINK_HOPS) {
                    throw new MediaArchive.UnsafeEntryException("the entry " + name + " goes through more than " + MAX_LINK_HOPS
                            + " links (a loop of links)");
                }
                String target = links.get(key);
                if (target.startsWith("/") || target.isEmpty()) {
                    throw new MediaArchive.UnsafeEntryException("the link " + names.get(key) + " points to " + target
                            + ", outside the media folder");
                }
                at.remove(at.size() - 1);
                at = resolve(name, at, List.of(target.split("/")), true, strict, hops);
                Node reached = nodes.get(String.join("/", at));
                if (strict && reached != Node.DIRECTORY && reached != Node.IMPLICIT_DIRECTORY) {
                    throw new MediaArchive.UnsafeEntryException("the entry " + name + " is written through the link " + names.get(key)
                            + ", which does not lead to a folder of the archive");
                }
            } else if (node == Node.FILE && !last) {
                if (strict) {
                    throw new MediaArchive.UnsafeEntryException("the entry " + name + " lies beneath the file " + names.get(key));
                }
                return at; // a link beneath a file dangles; it leads nowhere
            }
        }
        return at;
    }
}
