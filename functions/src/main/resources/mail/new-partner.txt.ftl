<#import "layout.txt.ftl" as layout>
<#import "partners.txt.ftl" as parts>
<#assign subject = "You have a new International Librarians Network partner">
<@layout.page>
Hello ${givenName},

We have found you a new partner for ${roundTitle}:

<@parts.list partners=partners reasons=reasons![]/>
Discussion points carry on as before; you can pick up from the latest one.
</@layout.page>
