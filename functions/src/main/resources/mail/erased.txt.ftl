<#import "layout.txt.ftl" as layout>
<#assign subject = "Your data has been erased">
<@layout.page>
Hello,

As you asked, we have erased your applications and everything linked to this address. If you
had a partner, they keep only the fact that they had one; your details are gone.

We keep a one-way fingerprint of the address only if you unsubscribed, so that we never write
to you again.
</@layout.page>
