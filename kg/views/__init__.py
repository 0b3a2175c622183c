"""Views: the graph drawn for people: the event map, the timeline chart and one article with its facts."""
